/**
 * The mock's users, in an @mswjs/data database (used as an in-memory database only: its
 * `toHandlers()` does not work with msw 3). Emails are stored lower-case and looked up
 * case-insensitively, as real login systems do. Passwords never leave this module in a response.
 */
import { drop, factory, nullable, primaryKey } from "@mswjs/data";
import type { SeamlessUserConfig, TalkStackUser } from "../../openapi/types.ts";
import { seedUsers } from "./seed.ts";

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

function createDatabase() {
  return factory({
    talkstackUser: {
      id: primaryKey(String),
      email: String,
      password: String,
      verified: Boolean,
      name: String,
      active_project: nullable(String),
      company_name: nullable(String),
      created_at: String,
      updated_at: String,
    },
    seamlessUser: {
      _id: primaryKey(String),
      email: String,
      password: String,
      name: String,
      showQuotaStatusBox: Boolean,
      generativeBotScript: Boolean,
      allowedRoutes: () => [] as string[],
      editScriptAppData: Boolean,
      viewHistoryTranscriptions: Boolean,
      viewVoiceComponentConfigs: Boolean,
      // Configuration the mock only reads back is kept as JSON text: @mswjs/data types nested
      // models as all-optional, which would need a check per field on every read.
      scriptDataJson: String,
      brandSpecificDataJson: String,
    },
    // What each login changes lives in its own small model: @mswjs/data copies a whole entity on
    // update, and this one is a tenth of the user's size (it halves the cost of a login).
    seamlessLoginState: {
      userId: primaryKey(String),
      lastLogin: String,
      loginCount: Number,
    },
  });
}

type Database = ReturnType<typeof createDatabase>;
type TalkStackRow = NonNullable<ReturnType<Database["talkstackUser"]["findFirst"]>>;
type SeamlessRow = NonNullable<ReturnType<Database["seamlessUser"]["findFirst"]>>;
type LoginStateRow = NonNullable<ReturnType<Database["seamlessLoginState"]["findFirst"]>>;

/** A store seeded deterministically from `seed`. */
export function createUserStore(seed = 1): UserStore {
  const db = createDatabase();
  // Primary keys by lower-case email: @mswjs/data's `where` scans every row, this does not.
  const talkstackIds = new Map<string, string>();
  const seamlessIds = new Map<string, string>();

  function fill(): void {
    const { talkstack, seamless } = seedUsers(seed);
    for (const user of talkstack) {
      const email = user.profile.email.toLowerCase();
      db.talkstackUser.create({
        id: user.id,
        password: user.password,
        verified: user.verified,
        ...user.profile,
        email,
      });
      talkstackIds.set(email, user.id);
    }
    for (const user of seamless) {
      const email = user.config.email.toLowerCase();
      const { scriptData, brandSpecificData, agentLoginDetails, ...flat } = user.config;
      db.seamlessUser.create({
        ...flat,
        email,
        password: user.password,
        scriptDataJson: JSON.stringify(scriptData),
        brandSpecificDataJson: JSON.stringify(brandSpecificData),
      });
      db.seamlessLoginState.create({ userId: user.config._id, ...agentLoginDetails });
      seamlessIds.set(email, user.config._id);
    }
  }
  fill();

  // Accounts as read back from the database, by lower-case email. @mswjs/data answers a query
  // in ~25 µs, which the login hot path pays two or three times; this cache is refreshed from
  // every write's result, so it never disagrees with the database.
  const talkstackCache = new Map<string, TalkStackAccount>();
  const seamlessCache = new Map<string, SeamlessAccount>();
  // Logins are written to the database lazily, newest state per user, before anything reads
  // it. An @mswjs/data update scans and copies rows (~150 µs, three quarters of a login under
  // load); a busy demo account logs in thousands of times a second and only the last one counts.
  const pendingLogins = new Map<string, { lastLogin: string; loginCount: number }>();
  function flushLogins(): void {
    for (const [userId, state] of pendingLogins)
      db.seamlessLoginState.update({
        where: { userId: { equals: userId } },
        data: { lastLogin: state.lastLogin, loginCount: state.loginCount },
      });
    pendingLogins.clear();
  }
  const loginStateOf = (userId: string) => {
    flushLogins();
    return db.seamlessLoginState.findFirst({ where: { userId: { equals: userId } } });
  };

  function findSeamlessAccount(email: string): SeamlessAccount | undefined {
    const key = normalizeEmail(email);
    const cached = seamlessCache.get(key);
    if (cached) return cached;
    const id = seamlessIds.get(key);
    const row =
      id === undefined ? null : db.seamlessUser.findFirst({ where: { _id: { equals: id } } });
    const state = row ? loginStateOf(row._id) : null;
    if (!row || !state) return undefined;
    const account = toSeamlessAccount(row, state);
    seamlessCache.set(key, account);
    return account;
  }

  return {
    seed,
    findTalkStackAccount(email) {
      const key = normalizeEmail(email);
      const cached = talkstackCache.get(key);
      if (cached) return cached;
      const id = talkstackIds.get(key);
      const row =
        id === undefined ? null : db.talkstackUser.findFirst({ where: { id: { equals: id } } });
      if (!row) return undefined;
      const account = toTalkStackAccount(row);
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
      pendingLogins.set(previous.config._id, agentLoginDetails);
      return account;
    },
    reset() {
      pendingLogins.clear();
      drop(db);
      talkstackCache.clear();
      seamlessCache.clear();
      talkstackIds.clear();
      seamlessIds.clear();
      fill();
    },
    snapshot() {
      return JSON.stringify({
        talkstack: db.talkstackUser.getAll().map(toTalkStackAccount),
        seamless: db.seamlessUser
          .getAll()
          .map((row) => toSeamlessAccount(row, loginStateOf(row._id))),
      });
    },
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toTalkStackAccount(row: TalkStackRow): TalkStackAccount {
  return {
    id: row.id,
    password: row.password,
    verified: row.verified,
    profile: {
      email: row.email,
      name: row.name,
      active_project: row.active_project,
      created_at: row.created_at,
      updated_at: row.updated_at,
      company_name: row.company_name,
    },
  };
}

function toSeamlessAccount(row: SeamlessRow, state: LoginStateRow | null): SeamlessAccount {
  return {
    password: row.password,
    config: {
      showQuotaStatusBox: row.showQuotaStatusBox,
      _id: row._id,
      name: row.name,
      email: row.email,
      generativeBotScript: row.generativeBotScript,
      allowedRoutes: [...row.allowedRoutes],
      editScriptAppData: row.editScriptAppData,
      viewHistoryTranscriptions: row.viewHistoryTranscriptions,
      viewVoiceComponentConfigs: row.viewVoiceComponentConfigs,
      scriptData: JSON.parse(row.scriptDataJson) as SeamlessUserConfig["scriptData"],
      brandSpecificData: JSON.parse(
        row.brandSpecificDataJson,
      ) as SeamlessUserConfig["brandSpecificData"],
      agentLoginDetails: { lastLogin: state?.lastLogin ?? "", loginCount: state?.loginCount ?? 0 },
    },
  };
}
