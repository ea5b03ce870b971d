/**
 * Every bound `login-mock contract` keeps against a broken or hostile target, with its number
 * and what the run does past it, built from the constants the code uses: docs/limits.md's
 * contract table is generated from this list, so the two cannot drift.
 */
import { MAX_JSON_DEPTH } from "./bounded-json.ts";
import {
  formatBytes,
  MAX_REPLY_BYTES,
  MAX_REPLY_HEADER_BYTES,
  MAX_REPLY_HEADERS,
  REPLY_LIMITS_CHECK,
} from "./bounded-reply.ts";
import { MAX_JWKS_KEYS } from "./jwks.ts";
import {
  DEFAULT_DEADLINE_SECONDS,
  DEFAULT_REPLY_TIMEOUT_MS,
  MAX_FAILED_REPLIES_IN_A_ROW,
} from "./options.ts";

/** One bound: what it limits, its value, and what the run does past it. */
export interface ContractLimit {
  readonly limit: string;
  readonly value: string;
  readonly past: string;
}

const violation = `a \`${REPLY_LIMITS_CHECK}\` violation of the case (exit 1); the harness reads no more of it and does not retry`;

/** Every bound of a contract run, in the order the docs' table lists them. */
export const CONTRACT_LIMITS: readonly ContractLimit[] = [
  {
    limit: "a reply's body, counted after decompression (a gzip bomb is cut at the same size)",
    value: formatBytes(MAX_REPLY_BYTES),
    past: violation,
  },
  {
    limit: "a reply's header fields",
    value: `${MAX_REPLY_HEADERS} fields, ${formatBytes(MAX_REPLY_HEADER_BYTES)}`,
    past: violation,
  },
  {
    limit: "how deep a reply's JSON nests (a login body is 3 deep)",
    value: `${MAX_JSON_DEPTH} levels`,
    past: `${violation}; no check, redaction or diff walks deeper`,
  },
  {
    limit: "one reply, from sending the request to its last byte (`--timeout`)",
    value: `${DEFAULT_REPLY_TIMEOUT_MS / 1000} s`,
    past: `nothing begun: a network error (exit 3); a body still arriving: ${violation}`,
  },
  {
    limit: "sends in a row with no complete reply (refused, silent, reset)",
    value: `${MAX_FAILED_REPLIES_IN_A_ROW}, or the first when the target has not completed one reply yet`,
    past: "the run stops with one line: at the first send, that nothing was checked (and nothing else is printed); later, what was not run (exit 3, or 1 if a violation was found first)",
  },
  {
    limit:
      "the key set of `--jwks-url`, fetched once a run and read as every reply is (body, headers, `--timeout`)",
    value: `${MAX_JWKS_KEYS} keys`,
    past: "its one line fails (exit 1) and no token is judged by it; no reply at all: a network error (exit 3)",
  },
  {
    limit: "the whole run, waits included (`--deadline`)",
    value: `${DEFAULT_DEADLINE_SECONDS / 60} min`,
    past: "whatever is in flight is aborted, one line says so (exit 3, or 1 if a violation was found first)",
  },
];
