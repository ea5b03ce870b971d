/**
 * Which mock session a request belongs to: the `X-Mock-Session` header, else the
 * `mock-session` cookie (for browser flows, where a page cannot add headers to every request),
 * else the default session. An id that breaks the rule is refused, never guessed at.
 */
import type { MockReply } from "../pipeline/mock-reply.ts";
import { problemReply } from "../pipeline/problem.ts";

export const SESSION_HEADER = "x-mock-session";
export const SESSION_COOKIE = "mock-session";
export const DEFAULT_SESSION = "default";
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export type SessionIdResult =
  | { readonly ok: true; readonly id: string | null }
  | { readonly ok: false; readonly reply: MockReply };

const NO_SESSION: SessionIdResult = { ok: true, id: null };

/** The session id a request names (null: none), or the 400 a bad one gets. The header wins. */
export function sessionIdOf(header: string | null, cookieHeader: string | null): SessionIdResult {
  const id =
    header ?? (cookieHeader === null ? undefined : readCookie(cookieHeader, SESSION_COOKIE));
  if (id === undefined || id === null) return NO_SESSION;
  if (!SESSION_ID_PATTERN.test(id)) return { ok: false, reply: badSessionId(id, header !== null) };
  return { ok: true, id };
}

/**
 * The first value of cookie `name` in a `Cookie` header, or undefined. A cheap substring test
 * first: most Cookie headers do not hold the one we look for.
 */
export function readCookie(cookieHeader: string, name: string): string | undefined {
  if (!cookieHeader.includes(`${name}=`)) return undefined;
  for (const pair of cookieHeader.split(";")) {
    const equals = pair.indexOf("=");
    if (equals !== -1 && pair.slice(0, equals).trim() === name) {
      return pair.slice(equals + 1).trim();
    }
  }
  return undefined;
}

function badSessionId(id: string, fromHeader: boolean): MockReply {
  const shown = JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
  const where = fromHeader ? "X-Mock-Session header" : `${SESSION_COOKIE} cookie`;
  return problemReply(
    400,
    "bad-session-id",
    "Bad mock session id",
    `[login-mock] The ${where} ${shown} is not a session id: use 1 to 64 letters, digits, "_", "." or "-" (${SESSION_ID_PATTERN.source}), e.g. X-Mock-Session: checkout-test-7. Send no session to use the default one.`,
    { rule: SESSION_ID_PATTERN.source },
  );
}
