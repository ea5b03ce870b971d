/**
 * The mock's accounts: one table per login API, keyed by the identity the API's spec names
 * (emails case-insensitively unless the spec says otherwise), each row checked against the
 * spec's profile schema (account-row.ts) and mirrored into an @msw/data collection built on
 * demand (write-behind-collection.ts). Secrets never leave this module in a response.
 */

import { readPointer, writePointers } from "../../openapi/json-pointer.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import { specSchema } from "../../openapi/spec-schema.ts";
import { type AccountOutcome, mergeOutcomes } from "./account-outcomes.ts";
import { type Account, accountRowValidator } from "./account-row.ts";
import { identityKey, outcomeAccount, seedAccounts } from "./seed.ts";
import { WriteBehindCollection } from "./write-behind-collection.ts";

export type { Account } from "./account-row.ts";

export interface UserStore {
  /** The account `identity` names in `api`'s table, or undefined. */
  find(api: LoginApi, identity: string): Account | undefined;
  /** The account whose tokens carry `subject`, or undefined (whoami; not on the login path). */
  findBySubject(api: LoginApi, subject: string): Account | undefined;
  /** Applies the spec's `onLogin` updates at `atIso`; returns the account as updated. */
  recordLogin(api: LoginApi, identity: string, atIso: string): Account;
  /**
   * Adds or changes accounts with outcomes of their own (checked: account-outcomes.ts); a
   * reset drops them, keeping those the store was made with.
   */
  addAccounts(outcomes: readonly AccountOutcome[]): void;
  /** The extra accounts, the store's own first, each as last changed. */
  extraAccounts(): readonly AccountOutcome[];
  /** The delay of the extra account `identity` names, or undefined. */
  delayOf(api: LoginApi, identity: string): number | undefined;
  /** Drops every change and seeds again with the same seed. */
  reset(): void;
  /** Every record, serialised in a stable order: equal seeds give equal snapshots. */
  snapshot(): string;
  /** The table of one API, built and seeded on first use (tests reach the collection). */
  table(api: LoginApi): WriteBehindCollection<Account>;
  readonly seed: number;
}

/** An empty table for `api`'s accounts. */
export function createAccountTable(api: LoginApi): WriteBehindCollection<Account> {
  return new WriteBehindCollection(
    specSchema(accountRowValidator(api)),
    (account) => identityKey(api, account.identity),
    `${api.title} account`,
  );
}

/**
 * A store for `apis`, seeded deterministically from `seed`, each table on its first use, with
 * the accounts of `outcomes` added (checked: account-outcomes.ts).
 */
export function createUserStore(
  apis: readonly LoginApi[],
  seed = 1,
  outcomes: readonly AccountOutcome[] = [],
): UserStore {
  // Extra accounts by API, then by key: the store's own, and those added since the last reset.
  const ownExtras = new Map<LoginApi, Map<string, AccountOutcome>>();
  const addExtra = (into: typeof ownExtras, outcome: AccountOutcome) => {
    const byKey = into.get(outcome.api) ?? new Map<string, AccountOutcome>();
    into.set(outcome.api, byKey);
    const key = identityKey(outcome.api, outcome.identity);
    byKey.set(key, mergeOutcomes(byKey.get(key), outcome));
  };
  for (const outcome of outcomes) addExtra(ownExtras, outcome);
  const copyOwn = () => new Map([...ownExtras].map(([api, byKey]) => [api, new Map(byKey)]));
  let extras = copyOwn();
  // Seeded on first use, not when the store is made: a test file that imports login-mock pays
  // for generating and checking the seed only once it logs in, and a reset only drops them.
  let tables = new Map<LoginApi, WriteBehindCollection<Account>>();
  // Accounts by key as the store hands them out; refreshed by every write.
  let cache = new Map<LoginApi, Map<string, Account>>();
  // Logins are written to the tables lazily, newest state per account, before anything reads
  // them: a write checks the whole row against the spec, and a busy demo account logs in
  // thousands of times a second where only the last login counts.
  const pending = new Map<LoginApi, Set<string>>();

  function table(api: LoginApi): WriteBehindCollection<Account> {
    let found = tables.get(api);
    if (found) return found;
    if (!apis.includes(api))
      throw new Error(`[login-mock] The store holds no accounts of "${api.id}".`);
    found = createAccountTable(api);
    for (const account of seedAccounts(api, seed)) found.insert(account);
    for (const [key, outcome] of extras.get(api) ?? []) {
      const existing = found.get(key);
      if (existing) found.replace(key, outcomeAccount(api, seed, outcome, existing));
      else found.insert(outcomeAccount(api, seed, outcome, undefined));
    }
    tables.set(api, found);
    return found;
  }
  function cacheOf(api: LoginApi): Map<string, Account> {
    let found = cache.get(api);
    if (!found) {
      found = new Map();
      cache.set(api, found);
    }
    return found;
  }
  function flush(): void {
    for (const [api, keys] of pending) {
      for (const key of keys) {
        keys.delete(key);
        const account = cache.get(api)?.get(key);
        if (!account) continue;
        try {
          table(api).replace(key, account);
        } catch (error) {
          // Refused by the spec: forget it, so the cache falls back to the stored account.
          cache.get(api)?.delete(key);
          throw error;
        }
      }
    }
  }
  function find(api: LoginApi, identity: string): Account | undefined {
    const key = identityKey(api, identity);
    const accounts = cacheOf(api);
    const cached = accounts.get(key);
    if (cached) return cached;
    // No flush needed: an account with a login still to write is always in the cache.
    const row = table(api).get(key);
    if (!row) return undefined;
    // A copy: the row itself must change only through the checks of a write.
    const account = structuredClone(row);
    accounts.set(key, account);
    return account;
  }

  return {
    seed,
    find,
    table,
    findBySubject(api, subject) {
      flush();
      const row = table(api)
        .all()
        .find((account) => account.subject === subject);
      return row === undefined ? undefined : find(api, row.identity);
    },
    recordLogin(api, identity, atIso) {
      const key = identityKey(api, identity);
      const previous = find(api, key);
      if (!previous) throw new Error(`[login-mock] No account ${identity} to record a login for.`);
      const updates = api.profile?.onLogin ?? [];
      if (updates.length === 0) return previous;
      // Synchronous read-modify-write: concurrent logins cannot interleave between the two.
      const profile = writePointers(
        previous.profile,
        updates.map((update) => {
          const current = readPointer(previous.profile, update.pointer);
          const value =
            update.set === "now" ? atIso : typeof current === "number" ? current + 1 : 1;
          return [update.pointer, value] as const;
        }),
      );
      const account: Account = { ...previous, profile: profile as Account["profile"] };
      cacheOf(api).set(key, account);
      const keys = pending.get(api) ?? new Set<string>();
      pending.set(api, keys);
      keys.add(key);
      return account;
    },
    addAccounts(added) {
      for (const outcome of added) {
        const { api } = outcome;
        addExtra(extras, outcome);
        // A table not built yet takes the extras when it is.
        if (!tables.has(api)) continue;
        flush();
        const key = identityKey(api, outcome.identity);
        const found = table(api);
        const existing = found.get(key);
        if (existing) found.replace(key, outcomeAccount(api, seed, outcome, existing));
        else found.insert(outcomeAccount(api, seed, outcome, undefined));
        cache.get(api)?.delete(key);
      }
    },
    extraAccounts() {
      return [...extras.values()].flatMap((byKey) => [...byKey.values()]);
    },
    delayOf(api, identity) {
      if (extras.size === 0) return undefined;
      return extras.get(api)?.get(identityKey(api, identity))?.delayMs;
    },
    reset() {
      extras = copyOwn();
      pending.clear();
      cache = new Map();
      // Seeded again on next use. Writes still on their way to the old collections land
      // there, unseen.
      tables = new Map();
    },
    snapshot() {
      flush();
      return JSON.stringify(Object.fromEntries(apis.map((api) => [api.id, table(api).all()])));
    },
  };
}
