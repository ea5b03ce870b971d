import { decodeJwt } from "../jwt.ts";
import { parseSetCookie } from "../set-cookie.ts";
import type { Check, CheckInput } from "./check.ts";
import { statusFacts } from "./check.ts";

/** The token a success carries: TalkStack's `token` field, Seamless' cookie value. */
function issuedToken(input: CheckInput): string | undefined | null {
  const { status, json, setCookies } = input.exchange.response;
  if (status < 200 || status >= 300) return null;
  const cookie = statusFacts(input)?.cookie;
  if (cookie) {
    const line = setCookies.map(parseSetCookie).find((parsed) => parsed?.name === cookie.name);
    return line?.value;
  }
  if (json !== null && typeof json === "object" && "token" in json) {
    const token = (json as { token: unknown }).token;
    return typeof token === "string" ? token : undefined;
  }
  return null;
}

export const jwtContract: Check = {
  name: "jwt",
  needsRightStatus: true,
  rule: "The issued JWT has three parts, a real `alg`, `exp`, a lifetime as documented; TalkStack's `expirationTime` equals `exp`.",
  run(input) {
    const token = issuedToken(input);
    if (token === null) return null;
    if (token === undefined) return ["no token was issued"];
    const decoded = decodeJwt(token);
    if (typeof decoded === "string") return [`the token ${decoded}`];
    const violations: string[] = [];
    const { alg } = decoded.header;
    const allowed = input.settings.jwtAlgorithms;
    if (typeof alg !== "string" || alg.toLowerCase() === "none")
      violations.push(`alg is ${JSON.stringify(alg)}: the token is not signed`);
    else if (allowed && !allowed.includes(alg))
      violations.push(`alg is ${alg}, expected ${allowed.join(" or ")}`);
    const { exp, iat } = decoded.claims;
    if (typeof exp !== "number") return [...violations, "the token has no numeric exp claim"];
    const lifetime = input.facts.tokenLifetimeSeconds;
    if (typeof iat === "number" && lifetime !== undefined && Math.abs(exp - iat - lifetime) > 1)
      violations.push(`exp - iat is ${exp - iat} s, the documented lifetime is ${lifetime} s`);
    const json = input.exchange.response.json as { expirationTime?: unknown } | undefined;
    if (json && typeof json === "object" && "expirationTime" in json) {
      const at =
        typeof json.expirationTime === "string" ? Date.parse(json.expirationTime) : Number.NaN;
      if (at !== exp * 1000)
        violations.push(
          `expirationTime ${JSON.stringify(json.expirationTime)} is not the JWT's exp (${new Date(exp * 1000).toISOString()})`,
        );
    }
    return violations;
  },
};

export const jwtFreshness: Check = {
  name: "jwt-freshness",
  needsRightStatus: true,
  rule: "The issued JWT expires the documented lifetime from now (within --jwt-leeway seconds).",
  run(input) {
    const token = issuedToken(input);
    const lifetime = input.facts.tokenLifetimeSeconds;
    if (!token || lifetime === undefined) return null;
    const decoded = decodeJwt(token);
    if (typeof decoded === "string" || typeof decoded.claims.exp !== "number") return null;
    const expected = input.nowMs / 1000 + lifetime;
    const off = Math.round(decoded.claims.exp - expected);
    return Math.abs(off) <= input.settings.jwtLeewaySeconds
      ? []
      : [
          `exp is ${off > 0 ? "+" : ""}${off} s from now + ${lifetime} s (leeway ${input.settings.jwtLeewaySeconds} s)`,
        ];
  },
};
