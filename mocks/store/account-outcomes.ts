/**
 * Accounts with an outcome of their own, added to the seeded ones: "unverified@example.com is
 * not verified", "slow@example.com answers after 3 s", a custom password. From code
 * (`createLoginMock({ accounts })`, `session.addAccounts`), a file (`serve --accounts`) or the
 * control API (`POST /__mock/accounts`). Checked here, as data, before any store changes: every
 * problem names the account (by index) and its field, and says the fix.
 */
import type { LoginApi } from "../../openapi/login-api.ts";
import { MAX_DELAY_MS } from "../core/pipeline/faults.ts";
import { type Account, accountRowValidator } from "./account-row.ts";
import { identityKey, outcomeAccount } from "./seed.ts";

/** The most extra accounts one session holds (the mock's own and the session's together). */
export const MAX_EXTRA_ACCOUNTS = 100;

/** The largest `serve --accounts` file read: MAX_EXTRA_ACCOUNTS accounts fit in a few kB. */
export const MAX_ACCOUNTS_FILE_BYTES = 256 * 1024;

/** The longest identity or secret an extra account takes, in characters. */
export const MAX_ACCOUNT_FIELD_CHARS = 256;

/** One account and its outcome, as a user writes it. */
export interface AccountOutcomeInput {
  /** The API's id; default the only API the mock serves (required when it serves several). */
  readonly api?: string;
  readonly identity: string;
  /** Required for a new account; an existing one keeps its secret without it. */
  readonly secret?: string;
  /** The example of the API this account answers with once its secret is right. */
  readonly answer?: string;
  /** Every reply to a login naming this account comes this much later (0 to MAX_DELAY_MS). */
  readonly delayMs?: number;
}

/** A checked account outcome: its API resolved, its identity as the store keys it. */
export interface AccountOutcome {
  readonly api: LoginApi;
  readonly identity: string;
  readonly secret?: string;
  readonly answer?: string;
  readonly delayMs?: number;
}

/** What may be shown of an extra account: never its secret. */
export interface AccountSummary {
  readonly api: string;
  readonly identity: string;
  /** `(set)`: this account has a secret of its own; `(unchanged)`: the seeded one's. */
  readonly secret: "(set)" | "(unchanged)";
  readonly answer?: string;
  readonly delayMs?: number;
}

const FIELDS = ["api", "identity", "secret", "answer", "delayMs"] as const;

/** Why a list of account outcomes cannot be added: the account (by index), the field, the fix. */
export class AccountOutcomeError extends Error {
  readonly index: number | null;
  readonly field: string | null;
  readonly problem: string;
  readonly fix: string;

  constructor(index: number | null, field: string | null, problem: string, fix: string) {
    const at = index === null ? "accounts" : `accounts[${index}]${field ? `.${field}` : ""}`;
    super(`[login-mock] ${at}: ${problem}. ${fix}`);
    this.name = "AccountOutcomeError";
    this.index = index;
    this.field = field;
    this.problem = problem;
    this.fix = fix;
  }
}

/**
 * `inputs` checked against `apis` (by id). `find`: the account an identity already names in
 * the store they go into, so an account without a secret must be one that exists. `already`:
 * the extra accounts the store holds, counted against MAX_EXTRA_ACCOUNTS. Throws an
 * AccountOutcomeError on the first problem.
 */
export function checkAccountOutcomes(
  inputs: unknown,
  apis: ReadonlyMap<string, LoginApi>,
  find: (api: LoginApi, identity: string) => Account | undefined,
  already: ReadonlySet<string> = new Set(),
): AccountOutcome[] {
  if (!Array.isArray(inputs))
    throw new AccountOutcomeError(
      null,
      null,
      "must be a list of accounts",
      'Give a list such as [{"identity": "unverified@example.com", "secret": "pw", "answer": "<example>"}].',
    );
  const keys = new Set(already);
  const checked = inputs.map((input, index) => {
    const outcome = checkOne(input, index, apis, find);
    keys.add(`${outcome.api.id}\n${identityKey(outcome.api, outcome.identity)}`);
    return outcome;
  });
  if (keys.size > MAX_EXTRA_ACCOUNTS)
    throw new AccountOutcomeError(
      null,
      null,
      `${keys.size} extra accounts are more than a session holds`,
      `Keep at most ${MAX_EXTRA_ACCOUNTS} per session (a reset of the session drops those it added).`,
    );
  return checked;
}

function checkOne(
  input: unknown,
  index: number,
  apis: ReadonlyMap<string, LoginApi>,
  find: (api: LoginApi, identity: string) => Account | undefined,
): AccountOutcome {
  const fail = (field: string | null, problem: string, fix: string) =>
    new AccountOutcomeError(index, field, problem, fix);
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw fail(null, "must be an object", 'Write {"identity": "…", "secret": "…", "answer": "…"}.');
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key))
      throw fail(key, "is not a field of an account", `Use only ${FIELDS.join(", ")}.`);
  }
  const ids = [...apis.keys()];
  let api: LoginApi | undefined;
  if (record.api === undefined) {
    if (apis.size !== 1)
      throw fail(
        "api",
        "is missing, and this mock serves several APIs",
        `Name one of ${ids.join(", ")}.`,
      );
    api = apis.values().next().value;
  } else {
    api = typeof record.api === "string" ? apis.get(record.api) : undefined;
    if (!api)
      throw fail(
        "api",
        `${JSON.stringify(record.api)} is not an API this mock serves`,
        `Name one of ${ids.join(", ")}.`,
      );
  }
  if (!api) throw fail("api", "names no API", `Name one of ${ids.join(", ")}.`);
  const text = (field: "identity" | "secret", value: unknown) => {
    if (typeof value !== "string" || value.trim() === "")
      throw fail(field, "must be a non-empty string", 'Write it in quotes, such as "pw-123".');
    if (value.length > MAX_ACCOUNT_FIELD_CHARS)
      throw fail(
        field,
        `is ${value.length} characters long`,
        `Keep it to ${MAX_ACCOUNT_FIELD_CHARS} characters.`,
      );
    return value;
  };
  const identity = identityKey(api, text("identity", record.identity));
  const secret = record.secret === undefined ? undefined : text("secret", record.secret);
  const { answer, delayMs } = record;
  const examples = api.examples.map((example) => example.name);
  if (answer !== undefined && (typeof answer !== "string" || !examples.includes(answer)))
    throw fail(
      "answer",
      `${JSON.stringify(answer)} is not an example of ${api.id}`,
      `Use one of ${examples.join(", ")}.`,
    );
  if (
    delayMs !== undefined &&
    !(Number.isInteger(delayMs) && (delayMs as number) >= 0 && (delayMs as number) <= MAX_DELAY_MS)
  )
    throw fail(
      "delayMs",
      `${JSON.stringify(delayMs)} is not a delay`,
      `Give a whole number of milliseconds from 0 to ${MAX_DELAY_MS}.`,
    );
  const outcome: AccountOutcome = {
    api,
    identity,
    ...(secret === undefined ? {} : { secret }),
    ...(answer === undefined ? {} : { answer: answer as string }),
    ...(delayMs === undefined ? {} : { delayMs: delayMs as number }),
  };
  if (!find(api, identity)) {
    if (secret === undefined)
      throw fail(
        "secret",
        `is missing, and ${api.id} has no account ${identity}`,
        "Give a new account its secret (only an existing account keeps its own).",
      );
    const validate = accountRowValidator(api);
    if (!validate(outcomeAccount(api, 1, outcome, undefined))) {
      const first = validate.errors?.[0];
      throw fail(
        "identity",
        `makes a profile ${api.id}'s schema refuses (${first?.instancePath ?? ""} ${first?.message ?? ""})`,
        `Give an identity ${api.id} accepts, such as ${api.accounts[0]?.identity ?? "one of its demo accounts'"}.`,
      );
    }
  }
  return outcome;
}

/** What may be shown of `outcome`. */
export function summarise(outcome: AccountOutcome): AccountSummary {
  return {
    api: outcome.api.id,
    identity: outcome.identity,
    secret: outcome.secret === undefined ? "(unchanged)" : "(set)",
    ...(outcome.answer === undefined ? {} : { answer: outcome.answer }),
    ...(outcome.delayMs === undefined ? {} : { delayMs: outcome.delayMs }),
  };
}

/** `next` laid over `previous` (the same account): the fields `next` gives win. */
export function mergeOutcomes(previous: AccountOutcome | undefined, next: AccountOutcome) {
  if (!previous) return next;
  return {
    ...previous,
    ...Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)),
  } as AccountOutcome;
}
