/**
 * Every limit the standalone server enforces, with its number and what a client gets past it,
 * built from the constants the code uses: docs/limits.md's server table is generated from this
 * list, so the two cannot drift.
 */
import {
  DOCUMENTED_CLOCK_RANGE,
  JOURNAL_CAPACITY,
  MAX_ACCOUNT_FIELD_CHARS,
  MAX_ACCOUNTS_FILE_BYTES,
  MAX_CLOCK_STEP_SECONDS,
  MAX_DELAY_MS,
  MAX_EXTRA_ACCOUNTS,
  MAX_JOURNAL_FAULTS,
  MAX_KEYS_KEPT,
  MAX_REFRESH_TOKENS,
  MAX_SCENARIO_TIMES,
  MAX_SESSIONS,
  MAX_TOKEN_FAMILIES,
  SESSION_IDLE_MS,
} from "../mocks/core/index.ts";
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from "./create-server.ts";
import {
  FIRST_REQUEST_TIMEOUT_MS,
  HELD_RETRY_AFTER_SECONDS,
  MAX_CONNECTIONS,
  MAX_HELD_REPLIES,
  MAX_REQUESTS_PER_SOCKET,
  SHED_GRACE_MS,
} from "./held-work.ts";
import { LOG_BACKLOG_BYTES, LOG_DRAIN_GRACE_MS } from "./line-output.ts";
import { DEFAULT_BODY_LIMIT } from "./read-body.ts";
import { NO_RESPONSE_HOLD_MS } from "./send-reply.ts";
import { YOUNG_GENERATION_MB } from "./young-generation.ts";

export interface ServerLimit {
  readonly limit: string;
  readonly value: string;
  readonly past: string;
}

const seconds = (ms: number) => (ms > 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);
const count = (n: number) => n.toLocaleString("en-US");

/** Every limit of the server, in the order the docs' table lists them. */
export const SERVER_LIMITS: readonly ServerLimit[] = [
  {
    limit: "request body",
    value: `${DEFAULT_BODY_LIMIT / 1024} kB, or what the login's spec documents (\`x-body-limit-bytes\` on its 413 response)`,
    past: "`413` problem+json",
  },
  {
    limit: "time to send the headers",
    value: seconds(HEADERS_TIMEOUT_MS),
    past: "`408`; the connection closes",
  },
  {
    limit: "time to send the whole request",
    value: seconds(REQUEST_TIMEOUT_MS),
    past: "`408`; the connection closes",
  },
  {
    limit: "replies held or delayed at once (whole process, all APIs)",
    value: count(MAX_HELD_REPLIES),
    past: `\`503\` problem+json with \`Retry-After: ${HELD_RETRY_AFTER_SECONDS}\`; the connection closes`,
  },
  {
    limit: "time from connecting to sending a request",
    value: seconds(FIRST_REQUEST_TIMEOUT_MS),
    past: "the connection is closed (checked each second); Node's header timeout only starts at the first byte",
  },
  {
    limit: "a keep-alive connection resting between requests",
    value: seconds(KEEP_ALIVE_TIMEOUT_MS),
    past: "the connection is closed",
  },
  {
    limit: "requests in flight on one connection (pipelined)",
    value: count(MAX_REQUESTS_PER_SOCKET),
    past: `those ahead are answered in order, the next gets \`503\` problem+json \`too-many-pipelined-requests\` and the connection closes; ${count(MAX_REQUESTS_PER_SOCKET)} more after it and it closes at once`,
  },
  {
    limit: "open connections (whole process, all APIs)",
    value: count(MAX_CONNECTIONS),
    past: `the connection that has waited longest without a request in flight is closed to make room (never-used ones first, then resting keep-alive ones; none younger than ${seconds(SHED_GRACE_MS)}); a new connection is refused only when every one has a request in flight`,
  },
  {
    limit: "how long a finished reply waits to be written (so one turn's replies leave together)",
    value: "one event-loop turn",
    past: "the turn's replies are written before the loop reads more requests",
  },
  {
    limit: "Node's young generation (V8 new space) in `login-mock serve`",
    value: `${YOUNG_GENERATION_MB} MiB`,
    past: "it stops growing (Node 24 would let it reach 128 MiB under load); a `--max-semi-space-size` of your own wins",
  },
  {
    limit: "`Prefer: delay`, `--delay`, `slow-response` together",
    value: seconds(MAX_DELAY_MS),
    past: "`Prefer: delay` is clamped to it; a larger `--delay` is a usage error (exit 2)",
  },
  {
    limit: "`no-response` hold",
    value: seconds(NO_RESPONSE_HOLD_MS),
    past: "the connection is closed without an answer",
  },
  {
    limit: "mock sessions besides the default one (`X-Mock-Session`, whole process)",
    value: count(MAX_SESSIONS),
    past: 'a new session named only by logins or control reads (anonymous) replaces the least recently used anonymous one; `503` problem+json `too-many-sessions` with `Retry-After` only when all are kept (set up by a PUT/POST/DELETE control request or `mock.session(id)`): free them with `POST /__mock/reset {"allSessions":true}`, or wait for one to idle out',
  },
  {
    limit: "a session unused",
    value: seconds(SESSION_IDLE_MS),
    past: "it is dropped with its scenarios, clock, store changes and journal; its id then starts afresh",
  },
  {
    limit:
      'logins one counted scenario covers (`PUT /__mock/scenario` `"times"`, `setScenario(id, name, { times })`)',
    value: `${count(MAX_SCENARIO_TIMES)}, one counted scenario per API and session (a second replaces the first)`,
    past: "`400` problem+json `bad-control-request` with `minimum`/`maximum` (a `RangeError` in code); nothing is queued",
  },
  {
    limit:
      "extra accounts per session (`--accounts`, `POST /__mock/accounts`, `createLoginMock({ accounts })`, `session.addAccounts`), the file's and the session's together",
    value: `${count(MAX_EXTRA_ACCOUNTS)}; an identity or secret at most ${MAX_ACCOUNT_FIELD_CHARS} characters, \`delayMs\` at most ${seconds(MAX_DELAY_MS)}`,
    past: "`400` problem+json `bad-control-request` with `maximum`, naming the account and field (a usage error, exit 2, for `--accounts`; an `AccountOutcomeError` in code); none of them is added",
  },
  {
    limit: "an `--accounts` file",
    value: `${MAX_ACCOUNTS_FILE_BYTES / 1024} kB, 1,000 YAML aliases`,
    past: "a usage error (exit 2) before parsing",
  },
  {
    limit:
      "signing keys kept for verification (`--alg RS256|ES256`, `POST /__mock/keys/rotate`, `mock.rotateKeys()`, whole mock)",
    value: `${count(MAX_KEYS_KEPT)}, the current one included`,
    past: "a rotation drops the oldest key from `/.well-known/jwks.json`; tokens it signed no longer verify (whoami: `not-issued-by-this-mock`), even before their `exp`",
  },
  {
    limit:
      "logins a refresh or logout can act on, per session (APIs whose spec names `refresh` or `logout`)",
    value: count(MAX_TOKEN_FAMILIES),
    past: "the oldest login is forgotten: its tokens still verify, a logout can no longer revoke them, and its refresh tokens are unknown (`unknownToken`)",
  },
  {
    limit: "refresh tokens remembered per session, retired ones included (to spot reuse)",
    value: count(MAX_REFRESH_TOKENS),
    past: "the oldest is forgotten and answered as unknown (`unknownToken`), as a server that purged it would",
  },
  {
    limit: "request-journal entries per session (`GET /__mock/requests`)",
    value: count(JOURNAL_CAPACITY),
    past: "the oldest entry is dropped",
  },
  {
    limit: "schema faults a journal entry keeps of an invalid body",
    value: `only those its field reports read (one per declared field: missing, or a fault at the field itself), at most ${count(MAX_JOURNAL_FAULTS)}`,
    past: "the rest are not kept (an unknown key's fault never is), so a body of thousands of unknown keys costs an entry no more; a field past the cap reads as present and well formed",
  },
  {
    limit: "one move of a session's clock (`PUT /__mock/clock` `advanceSeconds`)",
    value: `${MAX_CLOCK_STEP_SECONDS / (365 * 24 * 3600)} years`,
    past: "`400` problem+json (set `now` to jump further, within the clock's range below)",
  },
  {
    limit:
      "a session's clock (`PUT /__mock/clock` `now`/`advanceSeconds`, `--clock`, `clockStart`)",
    value: `${new Date(DOCUMENTED_CLOCK_RANGE.earliestMs).toISOString()} to ${new Date(DOCUMENTED_CLOCK_RANGE.latestMs).toISOString()}: the longest token lifetime before year 10000 (\`--token-ttl\` moves the end)`,
    past: "`400` problem+json `bad-control-request` with `earliest`/`latest` (a usage error for `--clock`, a `ClockRangeError` in code), so every token's expiry stays an RFC 3339 date-time",
  },
  {
    limit: "the clock's `now`",
    value: "an RFC 3339 date-time: seconds and a zone required, a real calendar date",
    past: "`400` problem+json saying what is wrong (e.g. February 2031 has days 01–28)",
  },
  {
    limit: "request-log lines waiting for a slow stdout",
    value: `${LOG_BACKLOG_BYTES / 2 ** 20} MiB`,
    past: "lines are dropped and counted; a closed stdout ends the log, never the server",
  },
  {
    limit: "unread log output at shutdown",
    value: seconds(LOG_DRAIN_GRACE_MS),
    past: "SIGINT/SIGTERM stop waiting for it and exit",
  },
];
