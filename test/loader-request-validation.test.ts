import { describe, expect, it } from "vitest";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { freshSpec } from "./support/fresh-spec.ts";

const FILE = "specs/fresh.yaml";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Json = any;

/** `freshSpec()` with extra request fields, its body documented under `mediaTypes`. */
function specWith(
  extra: Record<string, unknown>,
  required: readonly string[],
  mediaTypes: readonly string[] = ["application/json"],
): Record<string, unknown> {
  const spec = freshSpec() as Json;
  const content = spec.paths["/api/v2/sessions"].put.requestBody.content;
  const schema = content["application/json"].schema;
  Object.assign(schema.properties, extra);
  schema.required.push(...required);
  spec.paths["/api/v2/sessions"].put.requestBody.content = Object.fromEntries(
    mediaTypes.map((type) => [type, { schema }]),
  );
  return spec;
}

const CREDENTIALS = { handle: "quill", passphrase: "ink-and-paper" };

describe("a user's request schema, compiled at load", () => {
  it("does not find a required field through Object.prototype (`constructor`, `toString`)", () => {
    const api = loginApiFromDocument(
      specWith({ constructor: { type: "string" }, toString: { type: "string" } }, [
        "constructor",
        "toString",
      ]),
      FILE,
    );
    expect(api.request.validate({ ...CREDENTIALS })).toBe(false);
    expect(api.request.validate.errors?.map((error) => error.params.missingProperty)).toEqual([
      "constructor",
      "toString",
    ]);
    expect(api.request.validate({ ...CREDENTIALS, constructor: "c", toString: "t" })).toBe(true);
  });

  it("takes a form's string fields for the boolean and integer fields they spell", () => {
    const extra = { remember: { type: "boolean" }, age: { type: "integer", minimum: 1 } };
    const form = loginApiFromDocument(
      specWith(extra, ["remember", "age"], ["application/x-www-form-urlencoded"]),
      FILE,
    );
    const fields: Record<string, unknown> = { ...CREDENTIALS, remember: "true", age: "3" };
    expect(form.request.validate(fields)).toBe(true);
    // Coerced where it stands, so what the mock reads next is what was judged.
    expect(fields).toMatchObject({ remember: true, age: 3 });
    expect(form.request.validate({ ...CREDENTIALS, remember: "maybe", age: "3" })).toBe(false);
    expect(form.request.validate({ ...CREDENTIALS, remember: "false", age: "0" })).toBe(false);
  });

  it("takes a JSON body's types as sent, even when the API also reads forms", () => {
    const extra = { remember: { type: "boolean" } };
    const json = loginApiFromDocument(
      specWith(extra, ["remember"], ["application/json", "application/x-www-form-urlencoded"]),
      FILE,
    );
    expect(json.request.validate({ ...CREDENTIALS, remember: "true" })).toBe(false);
    expect(json.request.validate({ ...CREDENTIALS, remember: true })).toBe(true);
  });
});
