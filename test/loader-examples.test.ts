import { describe, expect, it } from "vitest";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { listOperationExamples } from "../openapi/examples.ts";
import { freshSpec } from "./support/fresh-spec.ts";

const FILE = "specs/fresh.yaml";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Json = any;

function withResponses(responses: Record<string, unknown>): Json {
  const spec = freshSpec() as Json;
  Object.assign(spec.paths["/api/v2/sessions"].put.responses, responses);
  return spec;
}

const fallback = (name: string) => ({
  description: "Anything else",
  content: { "application/json": { examples: { [name]: { value: { code: name } } } } },
});

describe("the examples a login API can serve", () => {
  it("are those under a numeric status: `default`, `4XX` and `2XX` give no scenario", () => {
    const spec = withResponses({
      default: fallback("anything"),
      "4XX": fallback("client-fault"),
      "2XX": fallback("some-success"),
      "600": fallback("off-the-scale"),
    });
    const operation = spec.paths["/api/v2/sessions"].put;
    const examples = listOperationExamples(operation);
    expect(examples.map((example) => example.name)).toEqual(["opened", "refused", "unreadable"]);
    const api = loginApiFromDocument(spec, FILE);
    expect(api.examples.every((example) => Number.isInteger(example.status))).toBe(true);
    expect(api.examples.map((example) => example.status)).toEqual([201, 401, 422]);
  });
});

describe("a user's demo accounts, seeded from the success example", () => {
  it("are accepted when the example's profile with the account's keys fits the schema", () => {
    const spec = freshSpec() as Json;
    const block = spec.paths["/api/v2/sessions"].put["x-login-mock"];
    delete block.caseSensitiveIdentity;
    // The identity written into the profile is the folded one: still a string.
    block.accounts = [{ identity: " Quill ", secret: "s", profile: { memberId: "m-9" } }];
    const api = loginApiFromDocument(spec, FILE);
    expect(api.accounts).toHaveLength(1);
  });

  it("are refused with the schema's words when a key the account sets does not fit", () => {
    const spec = freshSpec() as Json;
    const block = spec.paths["/api/v2/sessions"].put["x-login-mock"];
    block.accounts = [{ identity: "quill", secret: "s", profile: { memberId: ["m"] } }];
    expect(() => loginApiFromDocument(spec, FILE)).toThrow(
      /accounts\/0\/profile: .*\/memberId must be string/,
    );
  });
});
