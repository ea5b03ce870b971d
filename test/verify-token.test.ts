import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_JWT_SECRET, signToken, verifyToken } from "../mocks/core/tokens/jwt.ts";

const NOW_MS = Date.parse("2026-01-01T00:00:00Z");
const NOW = NOW_MS / 1000;
const CLAIMS = { sub: "507f1f77bcf86cd799439011", email: "user@example.com" };

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token forged by hand, with any header and payload, HMAC-signed with `secret`. */
function forge(header: object, payload: object, secret = DEFAULT_JWT_SECRET): string {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

const verify = (token: string, nowMs = NOW_MS) =>
  verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs });

async function validToken(lifetimeSeconds = 60): Promise<string> {
  const signed = await signToken(CLAIMS, {
    secret: DEFAULT_JWT_SECRET,
    nowMs: NOW_MS,
    lifetimeSeconds,
  });
  return signed.token;
}

describe("verifyToken", () => {
  it("returns the claims in issue order and the HS256 header of a token it signed", async () => {
    const { payload, protectedHeader } = await verify(await validToken());
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(Object.entries(payload)).toEqual([
      ["sub", CLAIMS.sub],
      ["email", CLAIMS.email],
      ["iat", NOW],
      ["exp", NOW + 60],
    ]);
  });

  it("rejects a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await validToken()).split(".");
    const tampered = `${header}.${segment({ ...CLAIMS, email: "admin@example.com", iat: NOW, exp: NOW + 60 })}.${signature}`;
    await expect(verify(tampered)).rejects.toThrow(/signature verification failed/);
  });

  it("rejects a token with an altered signature or signed with another secret", async () => {
    const token = await validToken();
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    await expect(verify(flipped)).rejects.toThrow(/signature verification failed/);
    const other = forge(
      { alg: "HS256", typ: "JWT" },
      { ...CLAIMS, exp: NOW + 60 },
      "not-the-secret",
    );
    await expect(verify(other)).rejects.toThrow(/signature verification failed/);
  });

  it('rejects alg "none", with or without a signature, and any alg but HS256', async () => {
    const payload = segment({ ...CLAIMS, exp: NOW + 60 });
    const none = `${segment({ alg: "none", typ: "JWT" })}.${payload}.`;
    await expect(verify(none)).rejects.toThrow(/"alg" is "none"; only HS256/);
    const [, , signature] = (await validToken()).split(".");
    await expect(verify(`${segment({ alg: "none" })}.${payload}.${signature}`)).rejects.toThrow(
      /"alg" is "none"; only HS256/,
    );
    // Correctly HMAC-signed, but the header claims another algorithm: refuse, do not guess.
    await expect(verify(forge({ alg: "HS512" }, { exp: NOW + 60 }))).rejects.toThrow(
      /"alg" is "HS512"/,
    );
    await expect(verify(forge({ typ: "JWT" }, { exp: NOW + 60 }))).rejects.toThrow(
      /"alg" is undefined/,
    );
  });

  it("rejects a token at the second of its exp claim and after, not before", async () => {
    const token = await validToken(5);
    await expect(verify(token, NOW_MS + 4_999)).resolves.toBeDefined();
    await expect(verify(token, NOW_MS + 5_000)).rejects.toThrow(/"exp" claim check failed/);
    await expect(verify(token, NOW_MS + 60_000)).rejects.toThrow(/"exp" claim check failed/);
  });

  it("rejects a token not valid yet, and time claims that are not numbers", async () => {
    const header = { alg: "HS256", typ: "JWT" };
    await expect(verify(forge(header, { nbf: NOW + 10 }))).rejects.toThrow(
      /"nbf" claim check failed/,
    );
    await expect(verify(forge(header, { exp: String(NOW + 60) }))).rejects.toThrow(
      /"exp" claim must be a number/,
    );
  });

  it.each([
    ["an empty string", ""],
    ["two parts", "eyJhbGciOiJIUzI1NiJ9.e30"],
    ["an empty signature", `${segment({ alg: "HS256" })}.e30.`],
    ["four parts", "a.b.c.d"],
    ["characters outside base64url", "eyJhbGciOiJIUzI1NiJ9.e30.ab+/"],
    ["a header that is not JSON", `${Buffer.from("{alg").toString("base64url")}.e30.abc`],
    ["a header that is a JSON array", `${segment(["HS256"])}.e30.abc`],
  ])("rejects a malformed token: %s", async (_label, token) => {
    await expect(verify(token)).rejects.toThrow(/^\[login-mock\] JWT rejected: /);
  });

  it("rejects a correctly signed payload that is not a JSON object", async () => {
    const input = `${segment({ alg: "HS256" })}.${segment([1, 2])}`;
    const token = `${input}.${createHmac("sha256", DEFAULT_JWT_SECRET).update(input).digest("base64url")}`;
    await expect(verify(token)).rejects.toThrow(/payload is not a base64url JSON object/);
  });

  it('rejects a header that marks extensions "crit"', async () => {
    await expect(verify(forge({ alg: "HS256", crit: ["b64"], b64: false }, {}))).rejects.toThrow(
      /"crit"/,
    );
  });
});
