/**
 * The pure parts of `login-mock/playwright`: which mock session a test gets, and how long
 * "25h" is. No import of Playwright or of the mock core: the fixture talks HTTP to a running
 * `login-mock serve`, so Playwright's runner loads none of msw or the mock.
 */

import { createHash, randomBytes } from "node:crypto";
import { parseDuration } from "../durations.ts";

/** The header and cookie a mock server reads a session id from (mocks/core/sessions/session-id.ts). */
export const SESSION_HEADER = "X-Mock-Session";
export const SESSION_COOKIE = "mock-session";
/** The rule a session id must follow (the server refuses any other with a 400). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The parts of Playwright's TestInfo a session id is made of. */
export interface TestIdentity {
  readonly testId: string;
  readonly title: string;
  readonly retry: number;
  readonly repeatEachIndex: number;
  readonly project: { readonly name: string };
}

/**
 * A session id unique to one run of one test: its project, its id (file and title path), its
 * `--repeat-each` copy and its retry, hashed, after a readable slug of its title. Parallel
 * workers never share one, and a retry starts in a fresh session. Always matches
 * SESSION_ID_PATTERN (at most 64 characters).
 */
export function sessionIdOf(test: TestIdentity): string {
  const hash = createHash("sha256")
    .update([test.project.name, test.testId, test.repeatEachIndex].join("\u0000"))
    .digest("hex")
    .slice(0, 12);
  const slug = test.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 36)
    .replace(/-+$/, "");
  return `pw-${slug ? `${slug}-` : ""}${hash}-r${test.retry}`;
}

/** Random per worker process: a restarted worker (after a failure) or another run gets new ids. */
const WORKER_NONCE = randomBytes(4).toString("hex");

/**
 * The session a worker reuses for test after test, reset before each: `pw-w<parallelIndex>-<nonce>`.
 * No two workers running at once share a parallel index, and the nonce is new in every worker
 * process, so a retry (which Playwright runs in a fresh worker) and another run against the same
 * server get other ids. The server keeps at most 64 sessions the control API changed, for 30
 * minutes each: this keeps a run's share to its workers (and one per failure).
 */
export function workerSessionIdOf(parallelIndex: number, nonce: string = WORKER_NONCE): string {
  return `pw-w${parallelIndex}-${nonce}`;
}

/**
 * Seconds in a duration: a number of seconds (`90`, `-30`), or units d, h, m, s, alone or
 * combined largest first (`"25h"`, `"90m"`, `"30s"`, `"1h30m"`, `"-2d"`): the grammar of
 * mocks/durations.ts, which the MSW-mode panel reads too. Throws on anything else.
 */
export function durationSeconds(duration: string | number): number {
  if (typeof duration === "number")
    return Number.isFinite(duration) ? duration : badDuration(duration);
  const seconds = parseDuration(duration);
  return seconds === undefined ? badDuration(duration) : seconds;
}

function badDuration(duration: unknown): never {
  throw new Error(
    `[login-mock] ${JSON.stringify(duration)} is not a duration: pass seconds (90) or units d, h, m, s largest first ("25h", "90m", "30s", "1h30m", "-2d").`,
  );
}
