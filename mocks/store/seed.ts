/**
 * The seeded accounts of one login API: the accounts its spec declares, plus the crowd its
 * preset generates. Everything random comes from one `Random` seeded with `seed` and the API's
 * id and a fixed reference date, so the same seed gives byte-identical data on every machine
 * and every day.
 */

import { accountProfile, exampleProfile, foldIdentity } from "../../openapi/account-rules.ts";
import { readPointer } from "../../openapi/json-pointer.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import type { SeedAccount } from "../../openapi/login-hooks.ts";
import type { Account } from "./account-row.ts";
import { createRandom, type Random } from "./random.ts";

/** "Now" for the seed: generated dates are in the two years before it. */
const REFERENCE_MS = Date.parse("2025-03-11T12:00:00.000Z");

export function seedAccounts(api: LoginApi, seed: number): Account[] {
  const random = createRandom(`${seed}:${api.id}`);
  const declared = api.accounts.map((account) => {
    const generated =
      api.hooks.profileFor?.(random, REFERENCE_MS, account.identity) ?? exampleProfileOf(api);
    return toAccount(api, random, {
      ...account,
      profile: accountProfile(generated, account.profile, undefined, account.identity),
    });
  });
  const crowd = (api.hooks.crowd?.(random, REFERENCE_MS) ?? []).map((account) =>
    toAccount(api, random, account),
  );
  return uniqueByIdentity(api, [...declared, ...crowd]);
}

/**
 * The row an account outcome (account-outcomes.ts) makes: `existing` with its secret and answer
 * changed, or a new account made by the rule of a declared account without a profile (its
 * random draws seeded by `seed`, the API and the identity, so the same outcome gives the same
 * account).
 */
export function outcomeAccount(
  api: LoginApi,
  seed: number,
  outcome: { readonly identity: string; readonly secret?: string; readonly answer?: string },
  existing: Account | undefined,
): Account {
  if (existing) {
    return {
      ...existing,
      ...(outcome.secret === undefined ? {} : { secret: outcome.secret }),
      ...(outcome.answer === undefined ? {} : { answer: outcome.answer }),
    };
  }
  const random = createRandom(`${seed}:${api.id}:${outcome.identity}`);
  const profile =
    api.hooks.profileFor?.(random, REFERENCE_MS, outcome.identity) ?? exampleProfileOf(api);
  return toAccount(api, random, {
    identity: outcome.identity,
    secret: outcome.secret ?? "",
    profile,
    ...(outcome.answer === undefined ? {} : { answer: outcome.answer }),
  });
}

/** The identity as the store keys it (openapi/account-rules.ts, as the loader checks it). */
export function identityKey(api: LoginApi, identity: string): string {
  return foldIdentity(identity, api.caseSensitiveIdentity);
}

/** A copy of the success example's profile, for an account of a spec with no generator. */
function exampleProfileOf(api: LoginApi): Record<string, unknown> {
  return exampleProfile(api.successBody, api.profile?.pointer);
}

function toAccount(api: LoginApi, random: Random, seedAccount: SeedAccount): Account {
  const identity = identityKey(api, seedAccount.identity);
  const profile = accountProfile({}, seedAccount.profile, api.profile?.identity, identity);
  const subjectAt = api.profile?.subject;
  const inProfile = subjectAt ? readPointer(profile, subjectAt) : undefined;
  // A profile's numeric id (`subject: /id` where id is 7) is the subject "7": a JWT's `sub` is
  // a string.
  const fromProfile =
    typeof inProfile === "string"
      ? inProfile
      : typeof inProfile === "number" && Number.isFinite(inProfile)
        ? String(inProfile)
        : undefined;
  const subject = seedAccount.subject ?? fromProfile ?? random.hex(24);
  return {
    identity,
    secret: seedAccount.secret,
    subject,
    profile,
    ...(seedAccount.answer === undefined ? {} : { answer: seedAccount.answer }),
  };
}

// Names repeat in a crowd; the first account with an identity wins, as a unique index would.
function uniqueByIdentity(api: LoginApi, accounts: Account[]): Account[] {
  const seen = new Set<string>();
  return accounts.filter((account) => {
    const key = identityKey(api, account.identity);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
