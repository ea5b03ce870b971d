import { readPointer } from "../../openapi/json-pointer.ts";
import { decodeJwt } from "../jwt.ts";
import { parseSetCookie } from "../set-cookie.ts";
import type { Check, CheckInput } from "./check.ts";

/**
 * The token a success carries where the spec puts it: a body pointer, a cookie, or a header.
 * Null when the reply owes none (not a 2xx, or an operation that issues no token), undefined
 * when it owes one and has none.
 */
export function issuedToken(
  input: Pick<CheckInput, "exchange" | "facts">,
): string | undefined | null {
  const { status, json, setCookies, headers } = input.exchange.response;
  if (status < 200 || status >= 300 || input.facts.issuing === undefined) return null;
  const cookie = input.facts.statuses.get(status)?.cookie;
  if (cookie) {
    const line = setCookies.map(parseSetCookie).find((parsed) => parsed?.name === cookie.name);
    return line?.value;
  }
  // Only the success response documents a token; another 2xx (if any) owes none.
  const { examples, issuing } = input.facts;
  const success = examples.find((example) => example.name === issuing);
  const placement = input.facts.token.placement;
  if (status !== success?.status || placement.in === "cookie") return null;
  if (placement.in === "header") {
    const value = headers.get(placement.header);
    return value === undefined ? undefined : value.replace(/^Bearer\s+/i, "");
  }
  if (json === null || typeof json !== "object") return null;
  const token = readPointer(json, placement.pointer);
  return typeof token === "string" ? token : undefined;
}

export const jwtContract: Check = {
  name: "jwt",
  needsRightStatus: true,
  rule: "The issued JWT has three parts, a real `alg`, `exp`, a lifetime as documented; where the spec documents the expiry in the body (`token.expiresAt`), it equals `exp`.",
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
    violations.push(...expiryViolations(input, exp));
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

/** The body's documented expiry (`x-login-mock.token.expiresAt`) against the JWT's `exp`. */
function expiryViolations(input: CheckInput, exp: number): string[] {
  const expiresAt = input.facts.token.expiresAt;
  const { json } = input.exchange.response;
  if (!expiresAt || json === null || typeof json !== "object") return [];
  const value = readPointer(json, expiresAt.pointer);
  if (value === undefined) return [];
  const shown = `${expiresAt.pointer.slice(1).replaceAll("/", ".")} ${JSON.stringify(value)}`;
  switch (expiresAt.format) {
    case "date-time": {
      const at = typeof value === "string" ? Date.parse(value) : Number.NaN;
      return at === exp * 1000
        ? []
        : [`${shown} is not the JWT's exp (${new Date(exp * 1000).toISOString()})`];
    }
    case "unix-seconds":
      return value === exp ? [] : [`${shown} is not the JWT's exp (${exp})`];
    default: {
      const left = exp - input.nowMs / 1000;
      return typeof value === "number" && Math.abs(value - left) <= input.settings.jwtLeewaySeconds
        ? []
        : [`${shown} is not the seconds from now to the JWT's exp (about ${Math.round(left)})`];
    }
  }
}
