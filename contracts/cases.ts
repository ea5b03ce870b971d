/**
 * Contract cases, derived from the spec: every named response example, once for each kind of
 * request that provokes it (`x-provoked-by`), and once forced by `Prefer` when the target
 * honours it. A case that cannot be sent says why, as one of two kinds, and `--require-all`
 * turns on the difference:
 *
 * - skipped: a flag would reach it on this target. An account (`--identity`/`--secret`,
 *   `--answer-identity`/`--answer-secret`), a larger `--max-wrong-secret`, a `--drive` that
 *   sends data. `--require-all` fails on a response left skipped, naming the flag: it never
 *   excuses what the user could give.
 * - unreachable: no flag reaches it on this target. A healthy server's 500, a lockout (it would
 *   lock a real account), a rejected challenge without a known rejected value (a target whose
 *   challenge accepts everything has none), several documented answers of an account (one
 *   `--answer-identity` account gets one of them), a spec's own word (`info.x-provocations`)
 *   the harness has no request for, a response only `Prefer` reaches on a target that ignores
 *   it (or under `--drive data`), an answer that needs a valid body the spec gives no way to
 *   build. `--require-all` accepts these, each listed with its reason, so it can be met
 *   against a real server by giving flags.
 *
 * A row of the coverage table is skipped when any of its cases is skipped and none ran.
 *
 * The refresh and logout operations a spec's login block names get cases of their own, after
 * the login's (`session-cases.ts`), under the same two kinds.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { ContractOptions } from "./options.ts";
import {
  buildBaseBody,
  buildProvocation,
  encodeFields,
  isUnreachable,
  type ProvocationAccounts,
  type ProvocationRequest,
} from "./provocations.ts";
import { buildSessionCases, type SessionCaseInfo } from "./session-cases.ts";
import type { SpecFacts } from "./spec-facts.ts";

export type CasePlan =
  | {
      readonly kind: "send";
      readonly request: ProvocationRequest;
      readonly headers: Readonly<Record<string, string>>;
    }
  /** A refresh or logout case: its requests are made as it runs (`session-run.ts`). */
  | { readonly kind: "session" }
  | { readonly kind: "unreachable"; readonly reason: string }
  | { readonly kind: "skipped"; readonly reason: string };

export interface ContractCase {
  readonly id: string;
  readonly example: ResponseExample;
  readonly via: "data" | "prefer";
  /** The provocation word, or `prefer`. */
  readonly provocation: string;
  /** The request is invalid input (anything but a valid login). */
  readonly negative: boolean;
  readonly plan: CasePlan;
  /** Set on a case of the refresh or logout operation; `example` is one of that operation's. */
  readonly session?: SessionCaseInfo;
}

export function accountsFrom(options: ContractOptions): ProvocationAccounts {
  return {
    ...(options.identity !== undefined && options.secret !== undefined
      ? { valid: { identity: options.identity, secret: options.secret } }
      : {}),
    ...(options.answerAccount ? { answer: options.answerAccount } : {}),
    ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
    ...(options.rejectedChallenge !== undefined
      ? { rejectedChallenge: options.rejectedChallenge }
      : {}),
    unknownIdentity: options.unknownIdentity,
  };
}

/** Invalid-input words that stay negative even when they reach a documented 401/404. */
const POSITIVE_WORDS = new Set(["valid-login"]);

/**
 * Words whose documented answer needs the rest of the body valid: with a body the schema
 * refuses, the target rightly answers invalid input instead.
 */
const NEEDS_VALID_BODY = new Set([
  "valid-login",
  "unknown-account",
  "wrong-secret",
  "account-answer",
  "challenge-rejected",
]);

export function buildCases(
  facts: SpecFacts,
  options: ContractOptions,
  preferHonoured: boolean,
): ContractCase[] {
  const accounts = accountsFrom(options);
  const cases: ContractCase[] = [];
  let wrongSecretBudget = options.maxWrongSecret;
  // One account given for `account-answer` answers one way: with several such examples, which
  // one it gives is not known, so none is asserted.
  const answered = facts.examples
    .filter((example) => example.provokedBy.includes("account-answer"))
    .map((example) => example.name);
  // Worked out once: a body the schema refuses makes every answer that needs a valid one
  // unreachable, with the one reason, instead of a failure per case.
  const base = buildBaseBody(facts.api, accounts);
  for (const example of facts.examples) {
    const label = `${example.status} ${example.name}`;
    if (example.provokedBy.length === 0 && options.drive !== "prefer" && !preferHonoured)
      cases.push({
        id: `${label} ← Prefer`,
        example,
        via: "prefer",
        provocation: "prefer",
        negative: false,
        plan: {
          kind: "unreachable",
          reason:
            options.drive === "data"
              ? "the spec names no request that provokes it (x-provoked-by), and --drive data sends no Prefer"
              : "the spec names no request that provokes it (x-provoked-by), and the target ignores `Prefer: code=…, example=…`",
        },
      });
    for (const word of example.provokedBy) {
      const about = {
        id: `${label} ← ${word}`,
        example,
        via: "data" as const,
        provocation: word,
        negative: !POSITIVE_WORDS.has(word),
      };
      if (options.drive === "prefer") {
        cases.push({
          ...about,
          plan: { kind: "skipped", reason: "--drive prefer sends only Prefer-driven requests" },
        });
        continue;
      }
      if (word === "account-answer" && answered.length > 1) {
        cases.push({
          ...about,
          plan: {
            kind: "unreachable",
            reason: `the spec documents several answers of an account (${answered.join(", ")}); one --answer-identity account gets one of them, and which is not known`,
          },
        });
        continue;
      }
      if (base.problem !== undefined && NEEDS_VALID_BODY.has(word)) {
        cases.push({ ...about, plan: { kind: "unreachable", reason: base.problem } });
        continue;
      }
      const request = buildProvocation(facts.api, word, accounts, {
        bodyLimitBytes: facts.bodyLimitBytes,
      });
      if (isUnreachable(request)) {
        const kind = request.needsAccount ? "skipped" : "unreachable";
        cases.push({ ...about, plan: { kind, reason: request.unreachable } });
        continue;
      }
      if (word === "wrong-secret") {
        if (wrongSecretBudget <= 0) {
          cases.push({
            ...about,
            plan: {
              kind: "skipped",
              reason: `the cap of ${options.maxWrongSecret} wrong-secret attempt(s) is reached (--max-wrong-secret), so the account is never locked`,
            },
          });
          continue;
        }
        wrongSecretBudget -= 1;
      }
      cases.push({ ...about, plan: { kind: "send", request, headers: {} } });
    }
    if (options.drive === "data") continue;
    const forced = {
      id: `${label} ← Prefer`,
      example,
      via: "prefer" as const,
      provocation: "prefer",
      negative: false,
    };
    if (!preferHonoured) {
      if (options.drive === "prefer")
        cases.push({
          ...forced,
          plan: { kind: "unreachable", reason: "the target ignores `Prefer: code=…, example=…`" },
        });
      continue;
    }
    // A well-formed body: mocks such as Prism validate the request before they honour Prefer.
    const request = encodeFields(facts.api, base.fields);
    cases.push({
      ...forced,
      plan: {
        kind: "send",
        request,
        headers: { prefer: `code=${example.status}, example=${example.name}` },
      },
    });
  }
  cases.push(...buildSessionCases(facts.api, options, preferHonoured, accounts));
  return cases;
}
