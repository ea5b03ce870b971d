/**
 * The checks of what a login starts: a refresh and a logout the spec names (`x-login-mock.
 * refresh`/`logout`), and the signature of every issued token (`--jwks-url`, `--jwt-secret`).
 * Each judges a case of several requests (log in, refresh, refresh again) or a key outside the
 * target's replies, so they are not in the per-reply registry (`index.ts`); they are reported,
 * and skipped with `--skip-check`, by name like the others.
 */
import type { CookieContract } from "../../openapi/document.ts";
import { readPointer } from "../../openapi/json-pointer.ts";
import type { ReceivedResponse } from "../exchange.ts";
import { type ParsedCookie, parseSetCookie } from "../set-cookie.ts";

export interface SessionCheck {
  readonly name: string;
  /** One line for the docs and `--help`. */
  readonly rule: string;
}

export const SESSION_OPERATION: SessionCheck = {
  name: "session-operation",
  rule: "The refresh or logout the spec names is served: no 404 or 405 the operation does not document (one marked `x-inferred` is required only with --require-session-operations; else its cases are unreachable).",
};

export const SESSION_STEPS: SessionCheck = {
  name: "session-steps",
  rule: "The login a refresh or logout case starts with gives what the spec says: its success status, the token, and the refresh token (judged when the login case itself passed).",
};

export const REFRESH_ROTATION: SessionCheck = {
  name: "refresh-rotation",
  rule: "Where the spec says `rotate`: a refresh gives a new refresh token, not the one it was sent.",
};

export const TOKEN_REVOKED: SessionCheck = {
  name: "token-revoked",
  rule: "A refresh token that must be dead is refused: a rotated one sent again, the newest of its family after that reuse, and one whose login was logged out.",
};

export const LOGOUT_COOKIE: SessionCheck = {
  name: "logout-cookie",
  rule: "A logout of a cookie API clears the cookie: one Set-Cookie with Max-Age=0 (or an Expires in the past) and the Path, Domain, Secure, SameSite and HttpOnly it was set with.",
};

export const JWT_SIGNATURE: SessionCheck = {
  name: "jwt-signature",
  rule: "With --jwks-url or --jwt-secret: every issued JWT (login and refresh) verifies, its kid naming a key of the set and its alg fitting that key (RS256, ES256, HS256 and their kin).",
};

/** The checks beyond the per-reply registry, in the order reports list them. */
export const SESSION_CHECKS: readonly SessionCheck[] = [
  SESSION_OPERATION,
  SESSION_STEPS,
  REFRESH_ROTATION,
  TOKEN_REVOKED,
  LOGOUT_COOKIE,
  JWT_SIGNATURE,
];

export const SESSION_CHECK_NAMES: readonly string[] = SESSION_CHECKS.map((check) => check.name);

/**
 * A rotating refresh's new refresh token, at the refresh block's pointer: present, a string,
 * and not the one sent.
 */
export function rotationViolations(json: unknown, pointer: string, sent: string): string[] {
  const value = json !== null && typeof json === "object" ? readPointer(json, pointer) : undefined;
  if (typeof value !== "string" || value === "")
    return [
      `the reply has no new refresh token at ${pointer}; the spec says each refresh rotates it`,
    ];
  if (value === sent)
    return [
      `the refresh token at ${pointer} is the one sent: it was not rotated, as the spec says it is`,
    ];
  return [];
}

/** A dead token's refusal: anything but a 2xx (status-code names the documented one). */
export function revokedViolations(status: number, what: string): string[] {
  return status >= 200 && status < 300 ? [`${what} was accepted with ${status}`] : [];
}

/**
 * The Set-Cookie a logout of a cookie API sends: one header for the cookie, expired (Max-Age
 * zero or less, which RFC 6265 reads before Expires; else an Expires not in the future), with
 * the attributes the browser stored the cookie under: Path, Secure, SameSite and HttpOnly as the
 * login's cookie contract documents them, Domain as the login's reply set it (a cookie set
 * without one is host-only, and only a clearing without one matches it).
 */
export function logoutCookieViolations(
  response: Pick<ReceivedResponse, "setCookies">,
  contract: CookieContract,
  loginCookie: ParsedCookie | undefined,
  nowMs: number,
): string[] {
  const mine = response.setCookies
    .map(parseSetCookie)
    .filter((cookie): cookie is ParsedCookie => cookie?.name === contract.name);
  if (mine.length === 0)
    return [
      `no Set-Cookie clears \`${contract.name}\` (${response.setCookies.length} Set-Cookie header(s) in all): the browser keeps the token`,
    ];
  if (mine.length > 1) return [`\`${contract.name}\` is set ${mine.length} times in one response`];
  const cookie = mine[0] as ParsedCookie;
  const violations: string[] = [];
  const attribute = (name: string) => cookie.attributes.get(name);
  const maxAge = attribute("max-age");
  const expires = attribute("expires");
  if (maxAge !== undefined) {
    if (!/^-?\d+$/.test(maxAge) || Number(maxAge) > 0)
      violations.push(`Max-Age is ${maxAge}, not 0: the cookie is not cleared`);
  } else if (expires !== undefined) {
    const at = Date.parse(expires);
    if (!Number.isFinite(at) || at > nowMs)
      violations.push(`Expires "${expires}" is not in the past: the cookie is not cleared`);
  } else violations.push("neither Max-Age=0 nor an Expires in the past: the cookie is not cleared");
  const path = attribute("path");
  if (path !== contract.path)
    violations.push(
      `Path is ${path === undefined ? "missing" : `"${path}"`}, the cookie was set with "${contract.path}": a browser clears only the cookie of the same Path`,
    );
  const domain = attribute("domain");
  const setDomain = loginCookie?.attributes.get("domain");
  if ((domain ?? "").toLowerCase() !== (setDomain ?? "").toLowerCase())
    violations.push(
      `Domain is ${domain === undefined ? "missing" : `"${domain}"`}, the login set it ${setDomain === undefined ? "without one (host-only)" : `with "${setDomain}"`}: a browser clears only the cookie of the same Domain`,
    );
  const flag = (name: string, label: string, documented: boolean) => {
    const present = attribute(name) !== undefined;
    if (present !== documented)
      violations.push(
        `${label} is ${present ? "set" : "missing"}, the cookie was set ${documented ? "with" : "without"} it`,
      );
  };
  flag("secure", "Secure", contract.secure);
  flag("httponly", "HttpOnly", contract.httpOnly);
  const sameSite = attribute("samesite");
  if (sameSite?.toLowerCase() !== contract.sameSite.toLowerCase())
    violations.push(
      `SameSite is ${sameSite === undefined ? "missing" : `"${sameSite}"`}, the cookie was set with "${contract.sameSite}"`,
    );
  return violations;
}
