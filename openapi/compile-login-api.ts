/**
 * A login API from a document read at run time (a user's spec): the same reader as the
 * presets', with its schemas compiled by the harness's Ajv setup (schema-validator.ts) instead
 * of precompiled. Kept apart from login-api.ts so the browser bundle gets Ajv's compiler only
 * if it reads a spec at run time.
 */
import { dereference } from "./dereference.ts";
import type { OpenApiDocument } from "./document.ts";
import type { SpecValidator } from "./generated/validators.js";
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
  const ajv = createSchemaValidator();
  return readLoginApi(resolved, source, {
    validateExtension: extensionValidator(),
    compile: (schema, role) => {
      try {
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

let compiledExtension: SpecValidator | undefined;

/** The `x-login-mock` block's validator, compiled on the first spec read and kept. */
function extensionValidator(): SpecValidator {
  if (!compiledExtension) {
    const { $schema: _dialect, ...schema } = LOGIN_EXTENSION_SCHEMA;
    compiledExtension = compileSchema(createSchemaValidator(), schema) as unknown as SpecValidator;
  }
  return compiledExtension;
}
