/**
 * How long the tokens a login issues live: each variant's documented lifetime, read from its
 * spec (TalkStack's `Jwt` `x-token-lifetime-seconds`, Seamless' cookie `Max-Age`), or the
 * mock's `tokenTtlSeconds` for both. The longest of them bounds how late a session's clock may
 * run (session-clock.ts): a token issued at the clock's latest instant must still expire at a
 * date-time the specs can write.
 */
import { VARIANTS, type Variant } from "../../openapi/documents.ts";
import { schemaExtension, seamlessCookieContract } from "./spec-values.ts";

/** Each variant's token lifetime as its spec documents it, in seconds. */
export const DOCUMENTED_TOKEN_LIFETIME_SECONDS: Readonly<Record<Variant, number>> = {
  talkstack: Number(schemaExtension("talkstack", "Jwt", "x-token-lifetime-seconds")),
  seamless: seamlessCookieContract().maxAgeSeconds,
};

for (const variant of VARIANTS) {
  const seconds = DOCUMENTED_TOKEN_LIFETIME_SECONDS[variant];
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
    return Math.max(...VARIANTS.map((variant) => DOCUMENTED_TOKEN_LIFETIME_SECONDS[variant]));
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
