/**
 * The provocation words of an API the harness has never seen, written here and only here: a
 * form-encoded `PUT /v1/session` with `grant_type` (an enum), `username` (a pattern) and
 * `passcode`. Its field words come from its own request schema, its bodies are encoded as the
 * spec documents them, and the words it cannot reach say why. Then the whole harness runs
 * against the mock serving it, and against a server that records what arrives.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCases } from "../contracts/cases.ts";
import { runContract } from "../contracts/contract-run.ts";
import { DEFAULT_UNKNOWN_ADDRESS, defaultUnknownIdentity } from "../contracts/options.ts";
import {
  buildProvocation,
  fieldWords,
  isUnreachable,
  type ProvocationAccounts,
  type ProvocationRequest,
} from "../contracts/provocations.ts";
import { readSpecFacts } from "../contracts/spec-facts.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { startServers } from "../server/start-servers.ts";
import { ownServerOptions, presetApi } from "./support/contract-options.ts";

const FORM = "application/x-www-form-urlencoded";
const ACCOUNT = { identity: "quill_writer", secret: "ink-and-paper" };

/** The token API's spec, its request body documented as `mediaType`. */
function tokenSpec(mediaType: string): Record<string, unknown> {
  const error = {
    type: "object",
    required: ["error"],
    properties: { error: { type: "string" }, error_description: { type: "string" } },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Derived Words Token API", version: "1.0.0" },
    paths: {
      "/v1/session": {
        put: {
          requestBody: {
            required: true,
            content: {
              [mediaType]: {
                schema: {
                  type: "object",
                  required: ["grant_type", "username", "passcode"],
                  properties: {
                    grant_type: { type: "string", enum: ["password", "refresh_token"] },
                    username: {
                      type: "string",
                      minLength: 3,
                      maxLength: 20,
                      pattern: "^[a-z0-9_]+$",
                    },
                    passcode: { type: "string", minLength: 1 },
                    scope: { type: "string" },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Issued",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["access_token", "token_type", "expires_in"],
                    properties: {
                      access_token: { type: "string" },
                      token_type: { const: "Bearer" },
                      expires_in: { type: "integer" },
                    },
                  },
                  examples: {
                    issued: {
                      "x-provoked-by": ["valid-login"],
                      value: {
                        access_token: "placeholder",
                        token_type: "Bearer",
                        expires_in: 3600,
                      },
                    },
                  },
                },
              },
            },
            "400": {
              description: "Off the schema",
              content: {
                "application/json": {
                  schema: error,
                  examples: {
                    "invalid-request": {
                      "x-provoked-by": [
                        "omit-grant_type",
                        "omit-username",
                        "omit-passcode",
                        "empty-grant_type",
                        "empty-username",
                        "empty-passcode",
                        "malformed-username",
                        "wrong-content-type",
                      ],
                      value: { error: "invalid_request" },
                    },
                  },
                },
              },
            },
            "401": {
              description: "Refused",
              content: {
                "application/json": {
                  schema: error,
                  examples: {
                    "invalid-grant": {
                      "x-provoked-by": ["unknown-account", "wrong-secret"],
                      value: { error: "invalid_grant" },
                    },
                  },
                },
              },
            },
          },
          "x-login-mock": {
            id: "derived",
            identity: "username",
            secret: "passcode",
            outcomes: {
              success: "issued",
              invalidRequest: "invalid-request",
              unknownAccount: "invalid-grant",
              wrongSecret: "invalid-grant",
            },
            token: {
              in: "body",
              pointer: "/access_token",
              lifetimeSeconds: 3600,
              expiresAt: { pointer: "/expires_in", format: "seconds-from-now" },
            },
            accounts: [ACCOUNT],
            unknownIdentity: "nobody_here",
            caseSensitiveIdentity: true,
          },
        },
      },
    },
  };
}

const formApi = loginApiFromDocument(tokenSpec(FORM), "token-form.yaml");
const jsonApi = loginApiFromDocument(tokenSpec("application/json"), "token-json.yaml");
const accounts: ProvocationAccounts = { valid: ACCOUNT, unknownIdentity: "nobody_here" };

function sent(api: LoginApi, word: string, given: ProvocationAccounts = accounts) {
  const request = buildProvocation(api, word, given);
  if (isUnreachable(request)) throw new Error(`${word}: ${request.unreachable}`);
  return request;
}
const formFields = (request: ProvocationRequest) =>
  Object.fromEntries(new URLSearchParams(request.body));
const reason = (api: LoginApi, word: string) => {
  const request = buildProvocation(api, word, accounts);
  return isUnreachable(request) ? request.unreachable : undefined;
};

describe("field words, derived from the request schema's own properties", () => {
  it("are omit-, empty-, wrong-type- and malformed- of each property, in the schema's order", () => {
    expect(fieldWords(formApi)).toEqual(
      ["grant_type", "username", "passcode", "scope"].flatMap((field) => [
        `omit-${field}`,
        `empty-${field}`,
        `wrong-type-${field}`,
        `malformed-${field}`,
      ]),
    );
  });

  it("send a valid login as the spec's form: the account, the enum's first value, no optional field", () => {
    const request = sent(formApi, "valid-login");
    expect(request.contentType).toBe(FORM);
    expect(request.body).toBe("grant_type=password&username=quill_writer&passcode=ink-and-paper");
    expect(formApi.request.validate(formFields(request))).toBe(true);
  });

  it("fill every required field with a valid value even without an account", () => {
    const fields = formFields(sent(formApi, "unknown-account", { unknownIdentity: "nobody_here" }));
    expect(fields).toMatchObject({ grant_type: "password", username: "nobody_here" });
    expect(fields.passcode).not.toBe("");
    expect(formApi.request.validate(fields)).toBe(true);
  });

  it("omit, empty and break the named field only, the rest as in a valid login", () => {
    expect(formFields(sent(formApi, "omit-grant_type"))).toEqual({
      username: "quill_writer",
      passcode: "ink-and-paper",
    });
    expect(formFields(sent(formApi, "empty-username"))).toEqual({
      grant_type: "password",
      username: "",
      passcode: "ink-and-paper",
    });
    const malformed = formFields(sent(formApi, "malformed-username"));
    expect(malformed.username).not.toBe("");
    expect(formApi.request.validate(malformed)).toBe(false);
    expect(formApi.request.validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
      ["/username", "pattern"],
    ]);
    expect(formFields(sent(formApi, "wrong-secret")).passcode).not.toBe(ACCOUNT.secret);
  });

  it("say why a word cannot be sent as a form, or for a field with nothing to break", () => {
    expect(reason(formApi, "wrong-type-passcode")).toBe(
      `a form body (${FORM}) carries only strings, so \`passcode\` cannot have the wrong type`,
    );
    expect(reason(formApi, "malformed-passcode")).toBe(
      "`passcode` has no format or pattern in the spec, so no string of it is malformed",
    );
    expect(reason(formApi, "malformed-body")).toContain("every string parses as a form");
    expect(sent(formApi, "wrong-content-type")).toEqual({
      contentType: "text/plain",
      body: sent(formApi, "valid-login").body,
    });
  });

  it("reject words for fields the schema does not have, former words and words it cannot reach", () => {
    expect(reason(formApi, "omit-email")).toContain("`email` is not a property of the request");
    expect(reason(formApi, "recaptcha-rejected")).toBe(
      'no request is known for the provocation "recaptcha-rejected"',
    );
    expect(reason(formApi, "challenge-rejected")).toContain("declares no challenge field");
    expect(reason(formApi, "oversized-body")).toContain("gives no body limit");
    expect(reason(formApi, "locked-out")).toBe(
      "provoking a lockout would lock a real account; force it with Prefer",
    );
    expect(buildProvocation(formApi, "account-answer", accounts)).toMatchObject({
      needsAccount: true,
    });
  });

  it("send JSON when the spec documents JSON: a wrong type and a cut-off body are reachable", () => {
    expect(sent(jsonApi, "valid-login")).toEqual({
      contentType: "application/json",
      body: JSON.stringify({
        grant_type: "password",
        username: "quill_writer",
        passcode: "ink-and-paper",
      }),
    });
    expect(JSON.parse(sent(jsonApi, "wrong-type-passcode").body).passcode).toBe(12345);
    expect(JSON.parse(sent(jsonApi, "wrong-type-grant_type").body).grant_type).toBe(12345);
    const cut = sent(jsonApi, "malformed-body").body;
    expect(() => JSON.parse(cut)).toThrow();
    expect(cut).not.toContain(ACCOUNT.secret);
  });

  it("default the unknown identity to a plainly fake one the identity's schema accepts", () => {
    // `login-mock-contract-nobody` breaks the username pattern: the spec's own unknown identity.
    expect(defaultUnknownIdentity(formApi)).toBe("nobody_here");
    const byAddress = presetApi("talkstack");
    expect(defaultUnknownIdentity(byAddress)).toBe(DEFAULT_UNKNOWN_ADDRESS);
  });

  it("become contract cases sent as forms to the spec's method and path", () => {
    const facts = readSpecFacts(formApi);
    expect([facts.method, facts.operationPath]).toEqual(["PUT", "/v1/session"]);
    const cases = buildCases(facts, ownServerOptions(formApi, "http://127.0.0.1:9"), false);
    const sentCases = cases.filter((c) => c.plan.kind === "send");
    expect(sentCases.map((c) => c.provocation)).toEqual([
      "valid-login",
      "omit-grant_type",
      "omit-username",
      "omit-passcode",
      "empty-grant_type",
      "empty-username",
      "empty-passcode",
      "malformed-username",
      "wrong-content-type",
      "unknown-account",
      "wrong-secret",
    ]);
    for (const c of sentCases)
      if (c.plan.kind === "send" && c.provocation !== "wrong-content-type")
        expect(c.plan.request.contentType, c.id).toBe(FORM);
  });
});

describe("the harness on this API", () => {
  it("holds against the mock serving it: every response reached with data alone", async () => {
    const mock = createLoginMock({ apis: [formApi] });
    const running = await startServers({ mock, port: 0, log: () => {} });
    try {
      const report = await runContract(
        ownServerOptions(formApi, running.urls.derived ?? "", { drive: "data", fuzzRuns: 20 }),
      );
      expect(report.operation).toBe("PUT /v1/session");
      expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
      expect(report.coverage.map((row) => [row.example, row.outcome])).toEqual([
        ["issued", "passed"],
        ["invalid-request", "passed"],
        ["invalid-grant", "passed"],
        ["negative data", "passed"],
      ]);
      expect(report.ok).toBe(true);
    } finally {
      await running.close(100);
    }
  }, 30_000);

  describe("against a server that records what arrives", () => {
    const arrived: { method: string; url: string; type: string; body: string }[] = [];
    let server: Server;
    let url = "";
    beforeAll(async () => {
      server = createServer(async (request: IncomingMessage, response) => {
        let body = "";
        for await (const chunk of request) body += chunk;
        arrived.push({
          method: request.method ?? "",
          url: request.url ?? "",
          type: request.headers["content-type"] ?? "",
          body,
        });
        response
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "invalid_grant" }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("sends every request, the generated ones too, with the spec's method, path and media type", async () => {
      await runContract(ownServerOptions(formApi, url, { drive: "data", fuzzRuns: 8 }));
      expect(arrived.length).toBeGreaterThan(12);
      for (const request of arrived)
        expect([request.method, request.url], request.body).toEqual(["PUT", "/v1/session"]);
      // Forms only, never a JSON body; the one exception is the wrong-content-type case.
      expect(arrived.filter((request) => request.type !== FORM).map((r) => r.type)).toEqual([
        "text/plain",
      ]);
      expect(arrived.filter((request) => request.body.startsWith("{"))).toEqual([]);
    }, 30_000);
  });
});
