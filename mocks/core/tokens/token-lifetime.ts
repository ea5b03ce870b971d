/**
 * How long the tokens a login issues live: each API's documented lifetime, read from its spec,
 * or the mock's `tokenTtlSeconds` for all. The longest of them bounds how late a session's
 * clock may run (session-clock.ts): a token issued at the clock's latest instant must still
 * expire at a date-time the specs can write.
 */
import type { LoginApi } from "../../../openapi/login-api.ts";

/** The longest `tokenTtlSeconds` a mock takes: 10 years, as `serve --token-ttl` allows. */
export const MAX_TOKEN_TTL_SECONDS = 10 * 365 * 24 * 3600;

/**
 * The longest lifetime any token of a mock gets: `tokenTtlSeconds` when set (it replaces
 * every documented one), else the longest documented one. Throws a usage message when
 * `tokenTtlSeconds` is not a whole number of seconds from 1 to MAX_TOKEN_TTL_SECONDS.
 */
export function longestTokenLifetimeSeconds(
  apis: readonly LoginApi[],
  tokenTtlSeconds?: number,
): number {
  if (tokenTtlSeconds === undefined)
    return Math.max(1, ...apis.map((api) => api.token.lifetimeSeconds));
  if (
    !Number.isSafeInteger(tokenTtlSeconds) ||
    tokenTtlSeconds < 1 ||
    tokenTtlSeconds > MAX_TOKEN_TTL_SECONDS
  ) {
    throw new RangeError(
      `[login-mock] tokenTtlSeconds must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_SECONDS} (10 years), not ${String(tokenTtlSeconds)}.`,
    );
  }
  return tokenTtlSeconds;
}
