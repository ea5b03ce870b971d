/**
 * The mock's users, in tables whose schemas are the spec's own (through the precompiled
 * validators), each with an @msw/data collection built on demand (write-behind-collection.ts):
 * a TalkStack row is the spec's `User` plus the mock's id, password and verified flag; a
 * Seamless row is the spec's `UserConfig` plus a password. The store cannot hold a user the
 * spec would reject. Emails are stored lower-case and looked up
 * case-insensitively, as real login systems do. Passwords never leave this module in a response.
 */
import type { SpecValidator } from "../../openapi/generated/validators.js";
import {
  validateSeamlessAccount,
  validateTalkStackAccount,
} from "../../openapi/generated/validators.js";
import { specSchema } from "../../openapi/spec-schema.ts";
import type { SeamlessUserConfig, TalkStackUser } from "../../openapi/types.ts";
import { seedUsers } from "./seed.ts";
import { WriteBehindCollection } from "./write-behind-collection.ts";

export interface TalkStackAccount {
  readonly id: string;
  readonly password: string;
  readonly verified: boolean;
  readonly profile: TalkStackUser;
}

export interface SeamlessAccount {
  readonly password: string;
  readonly config: SeamlessUserConfig;
}

export interface UserStore {
  findTalkStackAccount(email: string): TalkStackAccount | undefined;
  findSeamlessAccount(email: string): SeamlessAccount | undefined;
  /** Counts one successful Seamless login at `atIso`; returns the updated account. */
  recordSeamlessLogin(email: string, atIso: string): SeamlessAccount;
  /** Drops every change and seeds again with the same seed. */
  reset(): void;
  /** Every record, serialised in a stable order: equal seeds give equal snapshots. */
  snapshot(): string;
  readonly seed: number;
}

// The row validators are typed `unknown` in the generated declarations (the rows are ours, not
// the spec's); these are the shapes `STORE_ROWS` in openapi/validator-schemas.ts describes.
const talkstackAccountSchema = specSchema(
  validateTalkStackAccount as SpecValidator<TalkStackAccount>,
);
const seamlessAccountSchema = specSchema(validateSeamlessAccount as SpecValidator<SeamlessAccount>);

type UserTables = ReturnType<typeof createUserTables>;

/** The store's tables, keyed by lower-case email. */
export function createUserTables() {
  return {
    talkstack: new WriteBehindCollection(
      talkstackAccountSchema,
      (account) => account.profile.email,
      "TalkStack account",
    ),
    seamless: new WriteBehindCollection(
      seamlessAccountSchema,
      (account) => account.config.email,
      "Seamless account",
    ),
  };
}

/** A store seeded deterministically from `seed`. */
export function createUserStore(seed = 1): UserStore {
  // Seeded on first use, not when the store is made: a test file that imports login-mock pays
  // for generating and checking the seed only once it logs in, and a reset only drops them.
  let tables: UserTables | undefined;
  function seeded(): UserTables {
    if (tables) return tables;
    const fresh = createUserTables();
    const { talkstack, seamless } = seedUsers(seed);
    for (const account of talkstack) {
      const email = normalizeEmail(account.profile.email);
      fresh.talkstack.insert({ ...account, profile: { ...account.profile, email } });
    }
    for (const account of seamless) {
      const email = normalizeEmail(account.config.email);
      fresh.seamless.insert({ ...account, config: { ...account.config, email } });
    }
    tables = fresh;
    return fresh;
  }

  // Accounts by lower-case email, as the store hands them out (copies of the rows); refreshed
  // by every write, so they never disagree with the tables.
  const talkstackCache = new Map<string, TalkStackAccount>();
  const seamlessCache = new Map<string, SeamlessAccount>();
  // Logins are written to the tables lazily, newest state per user, before anything reads
  // them: a write checks the whole row against the spec, and a busy demo account logs in
  // thousands of times a second where only the last login counts.
  const pendingLogins = new Set<string>();
  function flushLogins(): void {
    for (const email of pendingLogins) {
      pendingLogins.delete(email);
      const account = seamlessCache.get(email);
      if (!account) continue;
      try {
        seeded().seamless.replace(email, account);
      } catch (error) {
        // Refused by the spec: forget it, so the cache falls back to the stored account.
        seamlessCache.delete(email);
        throw error;
      }
    }
  }

  function findSeamlessAccount(email: string): SeamlessAccount | undefined {
    const key = normalizeEmail(email);
    const cached = seamlessCache.get(key);
    if (cached) return cached;
    // No flush needed: an account with a login still to write is always in the cache.
    const row = seeded().seamless.get(key);
    if (!row) return undefined;
    // A copy: the row itself must change only through the checks of a write.
    const account = structuredClone({ password: row.password, config: row.config });
    seamlessCache.set(key, account);
    return account;
  }

  return {
    seed,
    findTalkStackAccount(email) {
      const key = normalizeEmail(email);
      const cached = talkstackCache.get(key);
      if (cached) return cached;
      const row = seeded().talkstack.get(key);
      if (!row) return undefined;
      const { id, password, verified, profile } = row;
      const account = { id, password, verified, profile: { ...profile } };
      talkstackCache.set(key, account);
      return account;
    },
    findSeamlessAccount,
    recordSeamlessLogin(email, atIso) {
      const key = normalizeEmail(email);
      const previous = findSeamlessAccount(key);
      if (!previous)
        throw new Error(`[login-mock] No Seamless account ${email} to record a login for.`);
      // Synchronous read-modify-write: concurrent logins cannot interleave between the two.
      const agentLoginDetails = {
        lastLogin: atIso,
        loginCount: previous.config.agentLoginDetails.loginCount + 1,
      };
      const account: SeamlessAccount = {
        ...previous,
        config: { ...previous.config, agentLoginDetails },
      };
      seamlessCache.set(key, account);
      pendingLogins.add(key);
      return account;
    },
    reset() {
      pendingLogins.clear();
      talkstackCache.clear();
      seamlessCache.clear();
      // Seeded again on next use. Writes still on their way to the old collections land
      // there, unseen.
      tables = undefined;
    },
    snapshot() {
      flushLogins();
      const { talkstack, seamless } = seeded();
      return JSON.stringify({ talkstack: talkstack.all(), seamless: seamless.all() });
    },
  };
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
