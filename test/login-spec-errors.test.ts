import { describe, expect, it } from "vitest";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { LoginSpecError } from "../openapi/login-spec-error.ts";
import { freshSpec, freshSpecWith } from "./support/fresh-spec.ts";

const FILE = "specs/fresh.yaml";
const BLOCK = "/paths/~1api~1v2~1sessions/put/x-login-mock";
const OP = ["paths", "/api/v2/sessions", "put"];
const EXT = [...OP, "x-login-mock"];

function refusal(spec: unknown): LoginSpecError {
  try {
    loginApiFromDocument(spec, FILE);
  } catch (error) {
    if (error instanceof LoginSpecError) return error;
    throw error;
  }
  throw new Error("the spec was accepted");
}

describe("a login spec's x-login-mock block", () => {
  it("reads a fresh spec: the operation, fields and token placement come from the document", () => {
    const api = loginApiFromDocument(freshSpec(), FILE);
    expect(api.id).toBe("fresh");
    expect(api.operation).toMatchObject({ method: "PUT", path: "/api/v2/sessions" });
    expect(api.request.fields.map((field) => field.name)).toEqual(["handle", "passphrase"]);
    expect(api.token.placement).toEqual({ in: "body", pointer: "/result/auth/bearer" });
    expect(api.token.lifetimeSeconds).toBe(600);
  });

  it.each([
    {
      what: "an outcome naming no example",
      spec: freshSpecWith([...EXT, "outcomes", "success"], "welcome"),
      pointer: `${BLOCK}/outcomes/success`,
      fix: /Name one of: opened, refused, unreadable/,
    },
    {
      what: "a missing required key",
      spec: freshSpecWith([...EXT, "unknownIdentity"], undefined),
      pointer: BLOCK,
      fix: /Add `unknownIdentity`/,
    },
    {
      what: "an identity that is not a request field",
      spec: freshSpecWith([...EXT, "identity"], "email"),
      pointer: `${BLOCK}/identity`,
      fix: /Use one of: handle, passphrase/,
    },
    {
      what: "an unknown key (a typo)",
      spec: freshSpecWith([...EXT, "acounts"], []),
      pointer: BLOCK,
      fix: /Remove it, or check its spelling/,
    },
    {
      what: "a token placement the block does not know",
      spec: freshSpecWith([...EXT, "token", "in"], "query"),
      pointer: `${BLOCK}/token/in`,
      fix: /Use one of: "body", "cookie", "header"/,
    },
    {
      what: "a body token without its pointer",
      spec: freshSpecWith([...EXT, "token", "pointer"], undefined),
      pointer: `${BLOCK}/token`,
      fix: /Add `pointer: /,
    },
    {
      what: "a token pointer the success example does not have",
      spec: freshSpecWith([...EXT, "token", "pointer"], "/result/auth/jwt"),
      pointer: `${BLOCK}/token/pointer`,
      fix: /Point at a value the success example shows/,
    },
    {
      what: "a cookie the success response does not document",
      spec: freshSpecWith([...EXT, "token"], { in: "cookie", cookie: "sid", lifetimeSeconds: 60 }),
      pointer: `${BLOCK}/token/cookie`,
      fix: /x-cookie/,
    },
    {
      what: "a demo account declared twice",
      spec: freshSpecWith(
        [...EXT, "accounts"],
        [
          { identity: "quill", secret: "a" },
          { identity: "quill", secret: "b" },
        ],
      ),
      pointer: `${BLOCK}/accounts/1/identity`,
      fix: /its own identity/,
    },
    {
      what: "an account answer naming no example",
      spec: freshSpecWith([...EXT, "accounts"], [{ identity: "quill", secret: "a", answer: "x" }]),
      pointer: `${BLOCK}/accounts/0/answer`,
      fix: /Name one of/,
    },
    {
      what: "a provocation word that names no field",
      spec: freshSpecWith(
        [
          ...OP,
          "responses",
          "422",
          "content",
          "application/json",
          "examples",
          "unreadable",
          "x-provoked-by",
        ],
        ["omit-handel"],
      ),
      pointer:
        "/paths/~1api~1v2~1sessions/put/responses/422/content/application~1json/examples/unreadable/x-provoked-by/0",
      fix: /field word .* for one of: handle, passphrase/,
    },
    {
      what: "an unknown identity that a case-sensitive API has as an account",
      spec: (() => {
        const spec = freshSpecWith([...EXT, "unknownIdentity"], "Ada");
        const block = (spec.paths as Record<string, Record<string, Record<string, unknown>>>)[
          "/api/v2/sessions"
        ]?.put?.["x-login-mock"] as { accounts: unknown[] };
        block.accounts = [{ identity: "Ada", secret: "s" }];
        return spec;
      })(),
      pointer: `${BLOCK}/unknownIdentity`,
      fix: /no account has/,
    },
    {
      what: "a misspelt key, named as unknown rather than as its right spelling missing",
      spec: freshSpecWith([...EXT, "token"], {
        in: "body",
        pointer: "/result/auth/bearer",
        lifetimeSecs: 60,
      }),
      pointer: `${BLOCK}/token`,
      fix: /Remove it, or check its spelling/,
    },
    {
      what: "a circular $ref",
      spec: (() => {
        const spec = freshSpec();
        spec.components = {
          schemas: {
            Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } },
          },
        };
        return spec;
      })(),
      pointer: "/components/schemas/Node/properties/next",
      fix: /Break the cycle/,
    },
  ])("refuses $what with the file, the JSON pointer and the fix", ({ spec, pointer, fix }) => {
    const error = refusal(spec);
    expect(error.file).toBe(FILE);
    expect(error.pointer).toBe(pointer);
    expect(error.fix).toMatch(fix);
    expect(error.message).toContain(`${FILE} at ${pointer}: `);
  });

  it("refuses a document with no x-login-mock block, saying where to add one", () => {
    const spec = freshSpec();
    delete (spec.paths as Record<string, Record<string, Record<string, unknown>>>)[
      "/api/v2/sessions"
    ]?.put?.["x-login-mock"];
    const error = refusal(spec);
    expect(error.pointer).toBe("/paths");
    expect(error.fix).toMatch(/Add `x-login-mock: \{/);
  });

  it("refuses a second operation with a block", () => {
    const spec = freshSpec();
    const paths = spec.paths as Record<string, Record<string, unknown>>;
    const put = paths["/api/v2/sessions"]?.put;
    paths["/api/v2/other"] = { post: structuredClone(put) };
    expect(refusal(spec).pointer).toBe("/paths/~1api~1v2~1other/post/x-login-mock");
  });

  it("refuses a Swagger 2.0 document", () => {
    expect(refusal({ swagger: "2.0", paths: {} }).pointer).toBe("/openapi");
  });
});
