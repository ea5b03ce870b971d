import { describe, expect, it } from "vitest";
import { parseSetCookie } from "../contracts/set-cookie.ts";
import { SCENARIOS } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { DEFAULT_JWT_SECRET, verifyToken } from "../mocks/core/tokens/jwt.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { jsonRequest, postLogin, useMswLoginMock } from "./support/msw-login-mock.ts";

useMswLoginMock();

/** A JWT segment's JSON, read without the key, as any client or jwt.io would. */
function decodeSegment(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[index] ?? "", "base64url").toString("utf8"));
}

/** The one cookie a header line sets, parsed as the contract checks parse it. */
function cookieOf(header: string | undefined) {
  const cookie = parseSetCookie(header ?? "");
  if (!cookie) throw new Error(`not a Set-Cookie line: ${header}`);
  return cookie;
}

describe("TalkStack tokens", () => {
  it("issues an HS256 JWT that verifies with the mock's key and lives 2 hours", async () => {
    const response = await postLogin("talkstack", jsonRequest(TALKSTACK_DEMO.documented));
    const body = response.json as { token: string; expirationTime: string; refreshToken: string };
    const { payload, protectedHeader } = await verifyToken(body.token, {
      secret: DEFAULT_JWT_SECRET,
      nowMs: Date.now(),
    });
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload.email).toBe(TALKSTACK_DEMO.documented.email);
    expect(payload.sub).toMatch(/^[0-9a-f]{24}$/);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(2 * 60 * 60);
    expect(Date.parse(body.expirationTime)).toBe((payload.exp ?? 0) * 1000);
    expect(body.refreshToken).toMatch(/^[\w-]{43}$/);
  });

  it("issues a different token and refresh token on every login", async () => {
    const first = (await postLogin("talkstack", jsonRequest(TALKSTACK_DEMO.documented))).json;
    const second = (await postLogin("talkstack", jsonRequest(TALKSTACK_DEMO.documented))).json;
    expect((first as { refreshToken: string }).refreshToken).not.toBe(
      (second as { refreshToken: string }).refreshToken,
    );
  });

  it("lets QA shorten the lifetime, so a token expires in seconds", async () => {
    const clock = fixedClock(Date.parse("2026-01-01T00:00:00Z"));
    const mock = createLoginMock({ clock, tokenTtlSeconds: 5 });
    const reply = await mock.handle("talkstack", {
      contentType: "application/json",
      bodyText: JSON.stringify(TALKSTACK_DEMO.documented),
      prefer: null,
      scenario: null,
    });
    const { token, expirationTime } = JSON.parse(reply.kind === "response" ? reply.body : "{}");
    expect(expirationTime).toBe("2026-01-01T00:00:05.000Z");
    await expect(
      verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: clock.now() }),
    ).resolves.toBeDefined();
    await expect(
      verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: clock.now() + 6000 }),
    ).rejects.toThrow(/exp/);
  });
});

describe("Seamless cookie", () => {
  const login = jsonRequest({ ...SEAMLESS_DEMO.documented, recaptchaVal: "token" });

  it("sets an httpOnly token cookie with every documented attribute", async () => {
    const response = await postLogin("seamless", login);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const cookie = cookieOf(cookies[0]);
    expect(cookie.name).toBe("token");
    expect(cookie.attributes.get("max-age")).toBe("86400");
    expect(cookie.attributes.get("path")).toBe("/");
    // Flag attributes are present with an empty value.
    expect(cookie.attributes.get("httponly")).toBe("");
    expect(cookie.attributes.get("secure")).toBe("");
    expect(cookie.attributes.get("samesite")).toBe("None");
    // Written exactly as the spec's own example, in its order, nothing more.
    expect(cookies[0]).toMatch(
      /^token=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=None$/,
    );
  });

  it("puts a JWT in the cookie that verifies and lives 24 hours", async () => {
    const cookie = cookieOf((await postLogin("seamless", login)).headers.getSetCookie()[0]);
    const { payload } = await verifyToken(cookie.value, {
      secret: DEFAULT_JWT_SECRET,
      nowMs: Date.now(),
    });
    expect(decodeSegment(cookie.value, 0)).toEqual({ alg: "HS256", typ: "JWT" });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(24 * 60 * 60);
    expect(payload.email).toBe(SEAMLESS_DEMO.documented.email);
  });

  it("never puts the token in any Seamless body, whatever the scenario", async () => {
    const success = await postLogin("seamless", login);
    const token = cookieOf(success.headers.getSetCookie()[0]).value;
    expect(success.text).not.toContain(token);
    expect(success.text).not.toMatch(/"token"|eyJ/);
    for (const scenario of SCENARIOS.filter(
      (s) => s.variant === "seamless" && s.kind === "response",
    )) {
      const response = await postLogin("seamless", login, { "x-mock-scenario": scenario.name });
      expect(response.text, scenario.name).not.toMatch(/"token"|eyJ/);
    }
  });

  it("keeps the claims readable without the key, as any JWT", async () => {
    const cookie = cookieOf((await postLogin("seamless", login)).headers.getSetCookie()[0]);
    const claims = decodeSegment(cookie.value, 1);
    // `sub`, then the claims the spec's `token.claims` reads from the profile, the login's
    // `sid` (its spec names a logout that revokes it), then the times.
    expect(Object.keys(claims)).toEqual(["sub", "email", "sid", "iat", "exp"]);
    expect(claims.sub).toMatch(/^[0-9a-f]{24}$/);
  });
});
