/**
 * The two rules an account follows wherever it is made or checked: how its identity is folded
 * into the key the store looks it up by, and the profile an account without one of its own
 * starts from. The loader checks declared accounts by them (login-api.ts) and the store seeds
 * by them (mocks/store/seed.ts), so the two can never disagree.
 */
import { readPointer, writePointer } from "./json-pointer.ts";

/** The key of an identity: trimmed and lower-case (emails), unless the spec says case matters. */
export function foldIdentity(identity: string, caseSensitive: boolean): string {
  return caseSensitive ? identity : identity.trim().toLowerCase();
}

/** A copy of the success example's profile at `pointer`, or `{}` when there is none. */
export function exampleProfile(
  successBody: unknown,
  pointer: string | undefined,
): Record<string, unknown> {
  if (pointer === undefined) return {};
  const value = readPointer(successBody, pointer);
  return value !== null && typeof value === "object"
    ? (structuredClone(value) as Record<string, unknown>)
    : {};
}

/** `base` with the account's own keys laid over it and its identity written where the spec says. */
export function accountProfile(
  base: Readonly<Record<string, unknown>>,
  own: Readonly<Record<string, unknown>> | undefined,
  identityAt: string | undefined,
  identity: string,
): Record<string, unknown> {
  const profile = { ...base, ...own };
  return identityAt
    ? (writePointer(profile, identityAt, identity) as Record<string, unknown>)
    : profile;
}
