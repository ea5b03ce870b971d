/**
 * The example API in examples/specs/ (no TypeScript of its own) used from MSW the way a
 * frontend's tests would: a form-encoded password grant, a username, a token at a nested
 * pointer, an account with its own answer, and a lockout judged by the session's clock.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { createHandlers } from "../mocks/msw/handlers.ts";
import { readLoginSpec } from "../openapi/read-login-spec.ts";

const api = await readLoginSpec("examples/specs/oauth-password.yaml");
const mock = createLoginMock({ apis: [api] });
const server = setupServer(...createHandlers(mock));
const TOKEN_URL = "https://auth.login-mock.example/oauth/token";

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

async function grant(
  fields: Record<string, string>,
  contentType = "application/x-www-form-urlencoded",
) {
  const response = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { "content-type": contentType },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: response.status,
    scenario: response.headers.get("x-mock-scenario"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

function claimsOf(token: unknown): Record<string, unknown> {
  const payload = String(token).split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

const demo = { grant_type: "password", username: "demo", password: "demo-password-1" };

describe("the oauth-password example API, from its YAML alone, through MSW", () => {
  it("issues a signed token at the nested pointer, with expires_in and a fresh refresh token", async () => {
    const first = await grant(demo);
    const second = await grant(demo);
    expect(first.status).toBe(200);
    expect(first.scenario).toBe("token-issued");
    const session = first.body.session as { access_token: string; user: { username: string } };
    expect(session.user.username).toBe("demo");
    expect(claimsOf(session.access_token)).toMatchObject({ preferred_username: "demo" });
    const { iat, exp } = claimsOf(session.access_token) as { iat: number; exp: number };
    expect(exp - iat).toBe(3600);
    expect(first.body.expires_in).toBe(3600);
    expect(first.body.refresh_token).toEqual(expect.any(String));
    expect(first.body.refresh_token).not.toBe(second.body.refresh_token);
  });

  it("answers a wrong password and an unknown user with invalid_grant", async () => {
    expect(await grant({ ...demo, password: "nope" })).toMatchObject({
      status: 401,
      scenario: "invalid-grant",
    });
    expect(await grant({ ...demo, username: "nobody" })).toMatchObject({
      status: 401,
      scenario: "invalid-grant",
    });
  });

  it("matches the username case-sensitively, as the spec says", async () => {
    expect((await grant({ ...demo, username: "Demo" })).status).toBe(400);
  });

  it("answers the disabled account with its own 403", async () => {
    const disabled = { ...demo, username: "disabled-user", password: "demo-password-3" };
    expect(await grant(disabled)).toMatchObject({ status: 403, scenario: "account-disabled" });
  });

  it("answers a body off the schema, a JSON body and a text body with invalid_request", async () => {
    expect((await grant({ username: "demo", password: "x" })).scenario).toBe("invalid-request");
    const json = await fetch(TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(demo),
    });
    expect(json.status).toBe(400);
    expect((await grant(demo, "text/plain")).status).toBe(400);
  });

  it("locks the account after three wrong passwords, until the session's clock passes 900 s", async () => {
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await grant({ ...demo, password: "wrong" })).status).toBe(401);
    expect(await grant(demo)).toMatchObject({ status: 429, scenario: "too-many-attempts" });
    mock.session().clock.advance(899);
    expect((await grant(demo)).status).toBe(429);
    mock.session().clock.advance(2);
    expect((await grant(demo)).status).toBe(200);
  });

  it("serves every documented example when forced, each valid for its status", async () => {
    for (const example of api.examples) {
      const response = await fetch(TOKEN_URL, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          prefer: `code=${example.status}, example=${example.name}`,
        },
        body: new URLSearchParams(demo).toString(),
      });
      expect(response.status, example.name).toBe(example.status);
      expect(response.headers.get("x-mock-scenario")).toBe(example.name);
    }
  });
});
