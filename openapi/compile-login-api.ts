/**
 * A login API from a document read at run time (a user's spec): the same reader as the
 * presets', with its schemas compiled by the harness's Ajv setup (schema-validator.ts) instead
 * of precompiled. Kept apart from login-api.ts so the browser bundle gets Ajv's compiler only
 * if it reads a spec at run time.
 */
import { dereference, referenceOrigin } from "./dereference.ts";
import type { OpenApiDocument } from "./document.ts";
import type { SpecValidator } from "./generated/validators.js";
import { pointerOf } from "./json-pointer.ts";
import { type LoginApi, readLoginApi } from "./login-api.ts";
import { LOGIN_EXTENSION_SCHEMA } from "./login-extension.ts";
import { LoginSpecError } from "./login-spec-error.ts";
import { compileSchema, createSchemaValidator } from "./schema-validator.ts";

/**
 * Reads a parsed OpenAPI 3.1 document (internal `$ref`s allowed) as a login API. `source`
 * names it in errors (a file path). Throws `LoginSpecError` with the JSON pointer and the fix.
 *
 * @example
 * const api = loginApiFromDocument(parse(readFileSync("my-login.yaml", "utf8")), "my-login.yaml");
 * const mock = createLoginMock({ apis: [api] });
 */
export function loginApiFromDocument(document: unknown, source = "the spec"): LoginApi {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new LoginSpecError(
      source,
      "",
      "the file is not an OpenAPI document (an object)",
      "Give an OpenAPI 3.1 document in YAML or JSON.",
    );
  }
  const version = (document as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !version.startsWith("3.")) {
    throw new LoginSpecError(
      source,
      "/openapi",
      version === undefined
        ? "the document has no `openapi` field (a Swagger 2.0 file has `swagger` instead)"
        : `the document says openapi ${JSON.stringify(version)}`,
      "Write `openapi: 3.1.0` (OpenAPI 3.0 and 3.1 documents are read; Swagger 2.0 is not).",
    );
  }
  let resolved: OpenApiDocument;
  try {
    resolved = dereference(document as OpenApiDocument);
  } catch (error) {
    const message = (error as Error).message;
    // dereference.ts says where: "… at /components/schemas/User/properties/manager is …".
    const at = / at (\/\S*) /.exec(message)?.[1] ?? "";
    const [problem, fix] = message.includes("circular")
      ? [
          "the $ref here is circular",
          "Break the cycle: login-mock reads specs without recursive schemas (inline one level, or write `type: object` instead of the $ref).",
        ]
      : message.includes("points at nothing")
        ? ["the $ref here points at nothing", "Point it at an entry of this document's components."]
        : [
            "the $ref here leaves the document",
            "Move what it points at under components: login-mock does not download references.",
          ];
    throw new LoginSpecError(source, at === "/" ? "" : at, problem, fix);
  }
  const oversized = oversizedPointer(resolved);
  if (oversized !== undefined) {
    throw new LoginSpecError(
      source,
      oversized,
      `with its $refs resolved, the document holds more than ${MAX_EXPANDED_NODES.toLocaleString("en")} values here (each $ref is a copy of its target, so a schema that refers to the next one twice doubles at every level)`,
      `Use fewer nested $refs: inline or flatten the nesting so that the resolved document stays under ${MAX_EXPANDED_NODES.toLocaleString("en")} values (a login spec has a few thousand).`,
    );
  }
  const ajv = createSchemaValidator();
  let formAjv: ReturnType<typeof createSchemaValidator> | undefined;
  return readLoginApi(resolved, source, {
    validateExtension: extensionValidator(),
    compile: (schema, role, mediaType) => {
      try {
        // A form's fields all arrive as strings: `remember=true` must pass a boolean field.
        // Ajv coerces in place, so what the mock reads next is the value that validated.
        if (role !== "profile" && mediaType === FORM_MEDIA_TYPE) {
          formAjv ??= createSchemaValidator({ coerceTypes: true });
          return compileSchema(formAjv, schema) as unknown as SpecValidator;
        }
        return compileSchema(ajv, schema) as unknown as SpecValidator;
      } catch (error) {
        throw new LoginSpecError(
          source,
          "",
          `the ${role} schema does not compile: ${(error as Error).message}`,
          "Fix the schema's keywords (JSON Schema 2020-12, as OpenAPI 3.1 embeds it).",
        );
      }
    },
  });
}

const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

/**
 * The most values (objects, arrays and scalars) a document may hold once its `$ref`s are
 * resolved. `dereference` shares each target, so the resolved document is small in memory, but
 * Ajv compiles and the loader walks the tree it stands for: a chain of schemas that each refer
 * to the next twice doubles per level, and seventeen levels took 26 s to load. Login specs hold
 * a few thousand values.
 */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * Where the resolved document grows past `MAX_EXPANDED_NODES` values, or undefined when it does
 * not: the deepest node that does so alone, as a pointer into the file (through the component
 * it was resolved from, when it was). Each shared object is counted once, its count capped, so
 * this takes time linear in the document as written, not in its expansion.
 */
function oversizedPointer(document: unknown): string | undefined {
  const sizes = new Map<object, number>();
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== "object") return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const value of Object.values(node)) {
      total += sizeOf(value);
      if (total > MAX_EXPANDED_NODES) break;
    }
    total = Math.min(total, MAX_EXPANDED_NODES + 1);
    sizes.set(node, total);
    return total;
  };
  if (sizeOf(document) <= MAX_EXPANDED_NODES) return undefined;
  let node = document as object;
  let at = "";
  for (;;) {
    const child = Object.entries(node).find(([, value]) => sizeOf(value) > MAX_EXPANDED_NODES);
    if (!child) return at;
    node = child[1] as object;
    at = referenceOrigin(node) ?? `${at}${pointerOf(child[0])}`;
  }
}

let compiledExtension: SpecValidator | undefined;

/** The `x-login-mock` block's validator, compiled on the first spec read and kept. */
function extensionValidator(): SpecValidator {
  if (!compiledExtension) {
    const { $schema: _dialect, ...schema } = LOGIN_EXTENSION_SCHEMA;
    compiledExtension = compileSchema(createSchemaValidator(), schema) as unknown as SpecValidator;
  }
  return compiledExtension;
}
