import { describe, expect, it } from "vitest";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { LoginSpecError } from "../openapi/login-spec-error.ts";
import { freshSpec, freshSpecWith } from "./support/fresh-spec.ts";

const FILE = "specs/fresh.yaml";
const BLOCK = "/paths/~1api~1v2~1sessions/put/x-login-mock";
const OP = ["paths", "/api/v2/sessions", "put"];
const EXT = [...OP, "x-login-mock"];

const RESPONSES = "/paths/~1api~1v2~1sessions/put/responses";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Json = any;

/** `freshSpec()` edited through its login operation, its x-login-mock block and itself. */
function edited(edit: (operation: Json, block: Json, spec: Json) => void): Record<string, unknown> {
  const spec = freshSpec();
  const operation = (spec as Json).paths["/api/v2/sessions"].put;
  edit(operation, operation["x-login-mock"], spec);
  return spec;
}

/** `freshSpec()` with its login operation at `path` instead of /api/v2/sessions. */
function servedAt(path: string): Record<string, unknown> {
  const spec = freshSpec() as Json;
  spec.paths = { [path]: spec.paths["/api/v2/sessions"] };
  return spec;
}

/** A token cookie documented by the 201's Set-Cookie header, its x-cookie given. */
function cookieSpec(cookie: Record<string, unknown>): Record<string, unknown> {
  return edited((operation, block) => {
    block.token = { in: "cookie", cookie: "sid", lifetimeSeconds: 60 };
    operation.responses["201"].headers = {
      "Set-Cookie": { schema: { type: "string" }, "x-cookie": { name: "sid", ...cookie } },
    };
  });
}

const GOOD_COOKIE = {
  value: "jwt",
  httpOnly: true,
  secure: true,
  sameSite: "Lax",
  path: "/",
  maxAgeSeconds: 600,
};

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
    {
      what: "an outcome naming an example under `default`, which has no status to serve",
      spec: edited((operation, block) => {
        operation.responses.default = {
          description: "Anything else",
          content: { "application/json": { examples: { fallback: { value: { code: "x" } } } } },
        };
        block.outcomes.wrongSecret = "fallback";
      }),
      pointer: `${BLOCK}/outcomes/wrongSecret`,
      fix: /`default` or range \(`4XX`\) response cannot be served/,
    },
    {
      what: "an outcome naming an example under a `4XX` range",
      spec: edited((operation, block) => {
        operation.responses["4XX"] = {
          description: "Client errors",
          content: { "application/json": { examples: { denied: { value: { code: "x" } } } } },
        };
        block.outcomes.unknownAccount = "denied";
      }),
      pointer: `${BLOCK}/outcomes/unknownAccount`,
      fix: /cannot be served/,
    },
    {
      what: "two response examples of one name (under another status and media type)",
      spec: edited((operation) => {
        operation.responses["422"].content["application/problem+json"] = {
          examples: { refused: { value: { code: "twice" } } },
        };
      }),
      pointer: `${RESPONSES}/422/content/application~1problem+json/examples/refused`,
      fix: /its own name/,
    },
    {
      what: "an identity field that is not a string",
      spec: edited((operation) => {
        operation.requestBody.content["application/json"].schema.properties.handle = {
          type: "integer",
        };
      }),
      pointer: `${BLOCK}/identity`,
      fix: /`type: string`/,
    },
    {
      what: "a secret field of no declared type",
      spec: edited((operation) => {
        operation.requestBody.content["application/json"].schema.properties.passphrase = {
          minLength: 1,
        };
      }),
      pointer: `${BLOCK}/secret`,
      fix: /`type: string`/,
    },
    {
      what: "a challenge field that is not a string",
      spec: edited((operation, block) => {
        operation.requestBody.content["application/json"].schema.properties.captcha = {
          type: "boolean",
        };
        block.challenge = { field: "captcha", rejected: "refused" };
      }),
      pointer: `${BLOCK}/challenge/field`,
      fix: /`type: string`/,
    },
    {
      what: "a profile subject the success example's profile does not have",
      spec: freshSpecWith([...EXT, "profile", "subject"], "/memberNo"),
      pointer: `${BLOCK}/profile/subject`,
      fix: /its keys: \/handle, \/memberId/,
    },
    {
      what: "a profile identity the success example's profile does not have",
      spec: freshSpecWith([...EXT, "profile", "identity"], "/login"),
      pointer: `${BLOCK}/profile/identity`,
      fix: /Point into the profile/,
    },
    {
      what: "an onLogin pointer the success example's profile does not have",
      spec: freshSpecWith([...EXT, "profile", "onLogin"], [{ pointer: "/lastSeen", set: "now" }]),
      pointer: `${BLOCK}/profile/onLogin/0/pointer`,
      fix: /Point into the profile/,
    },
    {
      what: "an onLogin increment of a string",
      spec: freshSpecWith(
        [...EXT, "profile", "onLogin"],
        [{ pointer: "/handle", set: "increment" }],
      ),
      pointer: `${BLOCK}/profile/onLogin/0/pointer`,
      fix: /a number of the profile: `increment` counts it up/,
    },
    {
      what: "an onLogin `now` at a number",
      spec: edited((operation, block) => {
        const example = operation.responses["201"].content["application/json"].examples.opened;
        example.value.result.member.logins = 3;
        block.profile.onLogin = [
          { pointer: "/logins", set: "increment" },
          { pointer: "/logins", set: "now" },
        ];
      }),
      pointer: `${BLOCK}/profile/onLogin/1/pointer`,
      fix: /a string of the profile/,
    },
    {
      what: "a claim pointer the success example's profile does not have",
      spec: freshSpecWith([...EXT, "token", "claims"], { nick: "/nickname" }),
      pointer: `${BLOCK}/token/claims/nick`,
      fix: /Point into the profile/,
    },
    {
      what: "claims without a profile to read them from",
      spec: freshSpecWith([...EXT, "profile"], undefined),
      pointer: `${BLOCK}/token/claims/handle`,
      fix: /Add `profile: /,
    },
    {
      what: "`__proto__` as a claim name",
      spec: freshSpecWith([...EXT, "token", "claims"], JSON.parse('{"__proto__": "/handle"}')),
      pointer: `${BLOCK}/token/claims`,
      fix: /`__proto__` names no claim/,
    },
    {
      what: "an account profile the profile's schema refuses once seeded",
      spec: freshSpecWith(
        [...EXT, "accounts"],
        [{ identity: "quill", secret: "s", profile: { memberId: 7 } }],
      ),
      pointer: `${BLOCK}/accounts/0/profile`,
      fix: /fit the schema/,
    },
    {
      what: "a demo account declared twice, once with spaces and capitals (identities fold)",
      spec: edited((_operation, block) => {
        delete block.caseSensitiveIdentity;
        block.accounts = [
          { identity: "quill", secret: "a" },
          { identity: " Quill ", secret: "b" },
        ];
      }),
      pointer: `${BLOCK}/accounts/1/identity`,
      fix: /its own identity/,
    },
    {
      what: "an unknown identity that folds to an account's",
      spec: edited((_operation, block) => {
        delete block.caseSensitiveIdentity;
        block.unknownIdentity = "  QUILL";
      }),
      pointer: `${BLOCK}/unknownIdentity`,
      fix: /no account has/,
    },
    {
      what: "a token cookie whose x-cookie lacks attributes",
      spec: cookieSpec({ ...GOOD_COOKIE, sameSite: "lax", maxAgeSeconds: 0, path: undefined }),
      pointer: `${RESPONSES}/201/headers/Set-Cookie/x-cookie`,
      fix: /`path` a string.*`sameSite` one of Strict, Lax, None.*`maxAgeSeconds`/,
    },
    {
      what: "a token cookie whose x-cookie has no httpOnly or secure",
      spec: cookieSpec({ ...GOOD_COOKIE, httpOnly: "yes", secure: undefined }),
      pointer: `${RESPONSES}/201/headers/Set-Cookie/x-cookie`,
      fix: /`httpOnly` true or false; `secure` true or false/,
    },
    {
      what: "an alias under the control API",
      spec: freshSpecWith([...EXT, "aliases"], ["/api/v2/login", "//__mock/login"]),
      pointer: `${BLOCK}/aliases/1`,
      fix: /outside \/__mock\//,
    },
    {
      what: "a login path under the control API",
      spec: servedAt("/__mock"),
      pointer: "/paths/~1__mock",
      fix: /outside \/__mock\//,
    },
    {
      what: "a login path with a space",
      spec: servedAt("/api/v2/my sessions"),
      pointer: "/paths/~1api~1v2~1my sessions",
      fix: /letters, digits/,
    },
    {
      what: "an alias with a percent sign",
      spec: freshSpecWith([...EXT, "aliases"], ["/api/v2/sessions%2F"]),
      pointer: `${BLOCK}/aliases/0`,
      fix: /letters, digits/,
    },
    {
      what: "a login path with a non-ASCII letter",
      spec: servedAt("/api/v2/séances"),
      pointer: "/paths/~1api~1v2~1séances",
      fix: /letters, digits/,
    },
    {
      what: "a body limit of no bytes",
      spec: freshSpecWith([...OP, "responses", "422", "x-body-limit-bytes"], 0),
      pointer: `${RESPONSES}/422/x-body-limit-bytes`,
      fix: /integer from 1 to 10485760/,
    },
    {
      what: "a body limit over 10 MiB",
      spec: freshSpecWith([...OP, "responses", "422", "x-body-limit-bytes"], 10485761),
      pointer: `${RESPONSES}/422/x-body-limit-bytes`,
      fix: /integer from 1 to 10485760/,
    },
    {
      what: "a body limit that is not a whole number",
      spec: freshSpecWith([...OP, "responses", "422", "x-body-limit-bytes"], "100kB"),
      pointer: `${RESPONSES}/422/x-body-limit-bytes`,
      fix: /integer from 1 to 10485760/,
    },
    ...["Set-Cookie", "X-Mock-Token", "Content-Token", "Access-Control-Token", "Vary", "Date"].map(
      (header) => ({
        what: `a token in the reserved header ${header}`,
        spec: freshSpecWith([...EXT, "token"], { in: "header", header, lifetimeSeconds: 60 }),
        pointer: `${BLOCK}/token/header`,
        fix: /a header of the API's own/,
      }),
    ),
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

  it("refuses, within a second, a document whose $refs expand past the bound", () => {
    // S0..S16, each with two properties referring to the next: 2^17 copies of S16 once
    // resolved. Counting shares each target, so the refusal comes before Ajv sees the schema.
    const schemas: Record<string, unknown> = { S16: { type: "string" } };
    for (let level = 15; level >= 0; level--) {
      const next = { $ref: `#/components/schemas/S${level + 1}` };
      schemas[`S${level}`] = { type: "object", properties: { left: next, right: next } };
    }
    const spec = edited((operation, _block, root) => {
      root.components = { schemas };
      const body = operation.requestBody.content["application/json"].schema;
      body.properties.extra = { $ref: "#/components/schemas/S0" };
    });
    const started = performance.now();
    const error = refusal(spec);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/more than 100,000 values/);
    expect(error.fix).toMatch(/Use fewer nested \$refs/);
    // The deepest node past the bound, in the file: S1's two properties, each of them under it.
    expect(error.pointer).toBe("/components/schemas/S1/properties");
  });

  it("accepts a token cookie whose x-cookie says every attribute", () => {
    const api = loginApiFromDocument(cookieSpec(GOOD_COOKIE), FILE);
    expect(api.token.placement).toEqual({ in: "cookie", cookie: { name: "sid", ...GOOD_COOKIE } });
  });

  it("accepts an alias that only starts with slashes, and a templated path", () => {
    const aliased = freshSpecWith([...EXT, "aliases"], ["//api/v2/sessions", "/__mocked/login"]);
    expect(loginApiFromDocument(aliased, FILE).operation.paths).toHaveLength(3);
    expect(loginApiFromDocument(servedAt("/t/{tenant}/sessions"), FILE).operation.path).toBe(
      "/t/{tenant}/sessions",
    );
  });

  it("refuses a Swagger 2.0 document", () => {
    expect(refusal({ swagger: "2.0", paths: {} }).pointer).toBe("/openapi");
  });
});
