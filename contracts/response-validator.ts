/**
 * Checks a response body against the schema the spec gives its status, and tells which named
 * example branch it matches when several examples share that status (two 401s, say).
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { JsonSchema, OpenApiDocument, OperationObject } from "../openapi/document.ts";
import { loginOperation } from "../openapi/examples.ts";
import { isJsonContentType } from "../openapi/media-type.ts";
import { compileSchema, createSchemaValidator } from "../openapi/schema-validator.ts";
import { describeSchemaErrors } from "./schema-words.ts";

export interface BodyVerdict {
  /** False when the spec documents no response for this status. */
  readonly documented: boolean;
  readonly valid: boolean;
  /** Why the body breaks the schema, in words (`schema-words.ts`); empty when it holds. */
  readonly errors: readonly string[];
  /** Titles of the schema branches the body matches (example names), if the schema has any. */
  readonly branches: readonly string[];
}

export type ResponseValidator = (status: number, body: unknown) => BodyVerdict;

/**
 * Builds a validator over a dereferenced document (see `openapi/dereference.ts`): of its login
 * operation's responses, or of `operation`'s (a refresh or logout the login block names).
 */
export function createResponseValidator(
  document: OpenApiDocument,
  operation: OperationObject = loginOperation(document),
): ResponseValidator {
  const ajv = createSchemaValidator();
  const compiled = new Map<
    number,
    { whole: ValidateFunction; branches: { title: string; validate: ValidateFunction }[] }
  >();
  for (const [status, response] of Object.entries(operation.responses)) {
    // The JSON body the status documents: `application/json`, or a `+json` type (the 413's
    // `application/problem+json`).
    const schema = Object.entries(response.content ?? {}).find(([type]) =>
      isJsonContentType(type),
    )?.[1].schema;
    if (!schema) continue;
    const branchSchemas = ((schema.oneOf ?? schema.anyOf ?? []) as JsonSchema[]).filter(
      (branch) => typeof branch.title === "string",
    );
    compiled.set(Number(status), {
      whole: compileSchema(ajv, schema),
      branches: branchSchemas.map((branch) => ({
        title: branch.title as string,
        validate: compileSchema(ajv, branch),
      })),
    });
  }
  return (status, body) => {
    const entry = compiled.get(status);
    if (!entry) return { documented: false, valid: false, errors: [], branches: [] };
    const valid = entry.whole(body);
    return {
      documented: true,
      valid,
      errors: valid ? [] : describeSchemaErrors(entry.whole.errors, entry.whole.schema, body),
      branches: entry.branches.filter((branch) => branch.validate(body)).map((b) => b.title),
    };
  };
}
