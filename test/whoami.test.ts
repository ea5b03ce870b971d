import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_JWT_SECRET } from "../mocks/core/tokens/jwt.ts";
import type { Variant } from "../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { demoLoginToken, useHttpServers } from "./support/http-servers.ts";

const servers = useHttpServers();

const issuedToken = (variant: Variant, session?: string) =>
  demoLoginToken(servers, variant, session);

async function whoami(headers: Record<string, string>, variant: Variant = "seamless") {
  const response = await fetch(`${servers.url(variant)}/__mock/whoami`, { headers });
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** The token, its three segments and its signature never appear in what whoami says. */
function expectNoPartOf(token: string, text: string) {
  expect(text).not.toContain(token);
  for (const segment of token.split("."))
    if (segment.length > 3) expect(text).not.toContain(segment);
}

describe("GET /__mock/whoami", () => {
  it("reads the Seamless token cookie: valid, whose, and for how long, never the token", async () => {
    const token = await issuedToken("seamless");
    const { text, body } = await whoami({ cookie: `theme=dark; token=${token}` });
    expect(body.session).toBe("default");
    expect(body.credentials).toEqual([
      {
        variant: "seamless",
        source: "cookie",
        state: "valid",
        subject: expect.stringMatching(/^[0-9a-f]{24}$/),
        claims: { email: SEAMLESS_DEMO.documented.email },
        issuedAt: expect.any(String),
        expiresAt: expect.any(String),
        expiresInSeconds: expect.any(Number),
      },
    ]);
    const [credential] = body.credentials as { issuedAt: string; expiresAt: string }[];
    expect(Date.parse(credential?.expiresAt ?? "") - Date.parse(credential?.issuedAt ?? "")).toBe(
      24 * 3600 * 1000,
    );
    expect(body.hint).toBeUndefined();
    expectNoPartOf(token, text);
  });

  it("reads a TalkStack token sent as Authorization: Bearer", async () => {
    const token = await issuedToken("talkstack");
    const { text, body } = await whoami({ authorization: `Bearer ${token}` }, "talkstack");
    expect(body.credentials).toEqual([
      expect.objectContaining({
        variant: "talkstack",
        source: "bearer",
        state: "valid",
        claims: { email: TALKSTACK_DEMO.documented.email },
      }),
    ]);
    const [credential] = body.credentials as { expiresInSeconds: number }[];
    expect(credential?.expiresInSeconds).toBeGreaterThan(2 * 3600 - 5);
    expect(credential?.expiresInSeconds).toBeLessThanOrEqual(2 * 3600);
    expectNoPartOf(token, text);
  });

  it("says not-issued-by-this-mock for a forged, altered, unsigned or malformed token, with no claims", async () => {
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${segment({ alg: "HS256", typ: "JWT" })}.${segment({ sub: "x", email: "a@b.co", exp: 4e9 })}`;
    const forged = `${input}.${createHmac("sha256", "another-secret").update(input).digest("base64url")}`;
    const unsigned = `${segment({ alg: "none" })}.${segment({ sub: "x", exp: 4e9 })}.`;
    const real = await issuedToken("seamless");
    const altered = `${real.slice(0, -2)}${real.endsWith("AA") ? "BB" : "AA"}`;
    for (const token of [forged, unsigned, altered, "abc.def.ghi", "not-a-jwt"]) {
      const { text, body } = await whoami({ authorization: `Bearer ${token}` });
      expect(body.credentials, token).toEqual([
        { variant: null, source: "bearer", state: "not-issued-by-this-mock" },
      ]);
      expect(text).not.toContain("a@b.co");
    }
  });

  it("says not-yet-valid for a token of this mock's secret whose nbf is still ahead, as verifyToken would", async () => {
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${segment({ alg: "HS256", typ: "JWT" })}.${segment({ sub: "x", nbf: 4e9, exp: 4.1e9 })}`;
    const early = `${input}.${createHmac("sha256", DEFAULT_JWT_SECRET).update(input).digest("base64url")}`;
    const { body } = await whoami({ authorization: `Bearer ${early}` });
    expect(body.credentials).toEqual([
      expect.objectContaining({ variant: null, source: "bearer", state: "not-yet-valid" }),
    ]);
  });

  it("leaves out times a token of this mock's secret carries past what a date-time can write", async () => {
    const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${segment({ alg: "HS256", typ: "JWT" })}.${segment({ sub: "x", iat: 1.7e9, exp: 1e13 })}`;
    const farOff = `${input}.${createHmac("sha256", DEFAULT_JWT_SECRET).update(input).digest("base64url")}`;
    const { body } = await whoami({ authorization: `Bearer ${farOff}` });
    const [credential] = body.credentials as Record<string, unknown>[];
    expect(credential).toMatchObject({ issuedAt: "2023-11-14T22:13:20.000Z" });
    expect(credential).not.toHaveProperty("expiresAt");
    expect(credential).not.toHaveProperty("expiresInSeconds");
  });

  it("reports nothing sent with a hint on what to send", async () => {
    const { body } = await whoami({ cookie: "theme=dark" });
    expect(body.credentials).toEqual([]);
    expect(body.hint).toContain('credentials: "include"');
    expect(body.hint).toContain("Authorization: Bearer");
  });

  it("answers a page on another local port, credentialed, but no foreign one", async () => {
    const token = await issuedToken("seamless");
    const local = await whoami({ origin: "http://localhost:5173", cookie: `token=${token}` });
    expect(local.response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(local.response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(local.response.headers.get("cache-control")).toBe("no-store");
    const foreign = await whoami({ origin: "https://evil.example", cookie: `token=${token}` });
    expect(foreign.response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers its preflight allowing Authorization and X-Mock-Session, unlike other control routes", async () => {
    const preflight = (path: string) =>
      fetch(`${servers.url("seamless")}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "http://127.0.0.1:5173",
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization, x-mock-session",
        },
      });
    const allowed = await preflight("/__mock/whoami");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(allowed.headers.get("access-control-allow-methods")).toBe("GET, OPTIONS");
    expect(allowed.headers.get("access-control-allow-headers")).toBe(
      "Authorization, X-Mock-Session",
    );
    for (const path of ["/__mock/health", "/__mock/scenario", "/__mock/requests"]) {
      const refused = await preflight(path);
      expect(refused.headers.get("access-control-allow-origin"), path).toBeNull();
    }
    const health = await fetch(`${servers.url("seamless")}/__mock/health`, {
      headers: { origin: "http://127.0.0.1:5173" },
    });
    expect(health.headers.get("access-control-allow-origin")).toBeNull();
  });
});
