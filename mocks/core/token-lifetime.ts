/**
 * How long the tokens a login issues live: each behaviour's documented lifetime, read from its
 * spec, or the mock's `tokenTtlSeconds` for all. The longest of them bounds how late a
 * session's clock may run (session-clock.ts): a token issued at the clock's latest instant must
 * still expire at a date-time the specs can write.
 */
import { VARIANTS } from "../../openapi/documents.ts";
import { BEHAVIOURS } from "./behaviours.ts";

for (const variant of VARIANTS) {
  const seconds = BEHAVIOURS[variant].documentedTokenLifetimeSeconds;
  if (!Number.isSafeInteger(seconds) || seconds < 1)
    throw new Error(`[login-mock] The ${variant} spec documents no token lifetime in seconds.`);
}

/** The longest `tokenTtlSeconds` a mock takes: 10 years, as `serve --token-ttl` allows. */
export const MAX_TOKEN_TTL_SECONDS = 10 * 365 * 24 * 3600;

/**
 * The longest lifetime any token of a mock gets: `tokenTtlSeconds` when set (it replaces
 * both documented ones), else the longer documented one. Throws a usage message when
 * `tokenTtlSeconds` is not a whole number of seconds from 1 to MAX_TOKEN_TTL_SECONDS.
 */
export function longestTokenLifetimeSeconds(tokenTtlSeconds?: number): number {
  if (tokenTtlSeconds === undefined)
    return Math.max(
      ...VARIANTS.map((variant) => BEHAVIOURS[variant].documentedTokenLifetimeSeconds),
    );
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
