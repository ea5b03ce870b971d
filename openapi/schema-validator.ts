/**
 * Ajv set up for OpenAPI 3.1 schemas (JSON Schema 2020-12 with formats). Strict mode stays on so
 * a misspelt keyword fails loudly; the OpenAPI and project keywords it does not know are
 * declared instead of silenced. A property counts only when it is the value's own: a body
 * without `constructor` does not have one through Object.prototype.
 */
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "./document.ts";
import { EMAIL_FORMAT } from "./validator-runtime.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Keywords OpenAPI 3.1 adds to JSON Schema that carry no validation meaning. */
const OPENAPI_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs"];

/**
 * The project's Ajv. `options` adds to the shared ones: a form's request validator takes
 * `coerceTypes: true` (compile-login-api.ts), as a form's fields all arrive as strings.
 */
export function createSchemaValidator(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    strictRequired: false,
    ownProperties: true,
    ...options,
  });
  addFormats(ajv);
  // ajv-formats' full-mode email rejects dotless domains (`0@io`), which RFC 5321 allows. Ours
  // accepts them and runs in linear time; the mock validates requests with the same regex
  // (precompiled into generated/validators.js), so harness and mock judge an address alike.
  ajv.addFormat("email", EMAIL_FORMAT);
  ajv.addVocabulary(OPENAPI_ANNOTATIONS);
  return ajv;
}

/** Compiles a schema, declaring every `x-…` extension found in it as an annotation first. */
export function compileSchema(ajv: Ajv2020, schema: JsonSchema): ValidateFunction {
  const declared = declaredExtensions.get(ajv) ?? new Set<string>();
  declaredExtensions.set(ajv, declared);
  for (const keyword of collectExtensionKeywords(schema)) {
    if (!declared.has(keyword)) ajv.addKeyword(keyword);
    declared.add(keyword);
  }
  return ajv.compile(schema);
}

const declaredExtensions = new WeakMap<Ajv2020, Set<string>>();

/** Ajv's errors as short `path: message` lines, for reports. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`,
  );
}

/**
 * Every `x-…` key in a schema. A dereferenced schema shares each `$ref` target, so each object
 * is visited once: the walk is linear in the document, not in the tree it expands to.
 */
function collectExtensionKeywords(
  node: unknown,
  found = new Set<string>(),
  seen = new WeakSet<object>(),
): Set<string> {
  if (node === null || typeof node !== "object" || seen.has(node)) return found;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeywords(item, found, seen);
  } else {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      collectExtensionKeywords(value, found, seen);
    }
  }
  return found;
}
