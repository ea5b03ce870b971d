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
      lastLogin: String,
      loginCount: Number,
    },
  });
}

type Database = ReturnType<typeof createDatabase>;
type TalkStackRow = NonNullable<ReturnType<Database["talkstackUser"]["findFirst"]>>;
type SeamlessRow = NonNullable<ReturnType<Database["seamlessUser"]["findFirst"]>>;

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
        lastLogin: agentLoginDetails.lastLogin,
        loginCount: agentLoginDetails.loginCount,
      });
      seamlessIds.set(email, user.config._id);
    }
  }
  fill();

  const findTalkStackRow = (email: string) => {
    const id = talkstackIds.get(normalizeEmail(email));
    return id === undefined ? null : db.talkstackUser.findFirst({ where: { id: { equals: id } } });
  };
  const findSeamlessRow = (email: string) => {
    const id = seamlessIds.get(normalizeEmail(email));
    return id === undefined ? null : db.seamlessUser.findFirst({ where: { _id: { equals: id } } });
  };

  return {
    seed,
    findTalkStackAccount(email) {
      const row = findTalkStackRow(email);
      return row ? toTalkStackAccount(row) : undefined;
    },
    findSeamlessAccount(email) {
      const row = findSeamlessRow(email);
      return row ? toSeamlessAccount(row) : undefined;
    },
    recordSeamlessLogin(email, atIso) {
      const row = findSeamlessRow(email);
      if (!row) throw new Error(`[login-mock] No Seamless account ${email} to record a login for.`);
      // One synchronous update: concurrent logins cannot interleave between read and write.
      const updated = db.seamlessUser.update({
        where: { _id: { equals: row._id } },
        data: { lastLogin: () => atIso, loginCount: (count: number) => count + 1 },
      });
      if (!updated) throw new Error(`[login-mock] Seamless account ${email} vanished mid-update.`);
      return toSeamlessAccount(updated);
    },
    reset() {
      drop(db);
      talkstackIds.clear();
      seamlessIds.clear();
      fill();
    },
    snapshot() {
      return JSON.stringify({
        talkstack: db.talkstackUser.getAll().map(toTalkStackAccount),
        seamless: db.seamlessUser.getAll().map(toSeamlessAccount),
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

function toSeamlessAccount(row: SeamlessRow): SeamlessAccount {
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
      agentLoginDetails: { lastLogin: row.lastLogin, loginCount: row.loginCount },
    },
  };
}
