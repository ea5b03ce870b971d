/**
 * Contract cases, derived from the spec: every named response example, once for each kind of
 * request that provokes it (`x-provoked-by`), and once forced by `Prefer` when the target
 * honours it. A case that cannot be sent says why (unreachable on this target, or skipped).
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { ContractOptions } from "./options.ts";
import {
  baseFields,
  buildProvocation,
  encodeFields,
  isUnreachable,
  type ProvocationAccounts,
  type ProvocationRequest,
} from "./provocations.ts";
import type { SpecFacts } from "./spec-facts.ts";

export type CasePlan =
  | {
      readonly kind: "send";
      readonly request: ProvocationRequest;
      readonly headers: Readonly<Record<string, string>>;
    }
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
}

function accountsFrom(options: ContractOptions): ProvocationAccounts {
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
  for (const example of facts.examples) {
    const label = `${example.status} ${example.name}`;
    for (const word of example.provokedBy) {
      const base = {
        id: `${label} ← ${word}`,
        example,
        via: "data" as const,
        provocation: word,
        negative: !POSITIVE_WORDS.has(word),
      };
      if (options.drive === "prefer") {
        cases.push({
          ...base,
          plan: { kind: "skipped", reason: "--drive prefer sends only Prefer-driven requests" },
        });
        continue;
      }
      if (word === "account-answer" && answered.length > 1) {
        cases.push({
          ...base,
          plan: {
            kind: "skipped",
            reason: `the spec documents several answers of an account (${answered.join(", ")}); one --answer-identity account cannot tell which it should get`,
          },
        });
        continue;
      }
      const request = buildProvocation(facts.api, word, accounts, {
        bodyLimitBytes: facts.bodyLimitBytes,
      });
      if (isUnreachable(request)) {
        const kind = request.needsAccount ? "skipped" : "unreachable";
        cases.push({ ...base, plan: { kind, reason: request.unreachable } });
        continue;
      }
      if (word === "wrong-secret") {
        if (wrongSecretBudget <= 0) {
          cases.push({
            ...base,
            plan: {
              kind: "skipped",
              reason: `the cap of ${options.maxWrongSecret} wrong-secret attempt(s) is reached (--max-wrong-secret), so the account is never locked`,
            },
          });
          continue;
        }
        wrongSecretBudget -= 1;
      }
      cases.push({ ...base, plan: { kind: "send", request, headers: {} } });
    }
    if (options.drive === "data") continue;
    const base = {
      id: `${label} ← Prefer`,
      example,
      via: "prefer" as const,
      provocation: "prefer",
      negative: false,
    };
    if (!preferHonoured) {
      if (options.drive === "prefer")
        cases.push({
          ...base,
          plan: { kind: "unreachable", reason: "the target ignores `Prefer: code=…, example=…`" },
        });
      continue;
    }
    // A well-formed body: mocks such as Prism validate the request before they honour Prefer.
    const request = encodeFields(facts.api, baseFields(facts.api, accounts));
    cases.push({
      ...base,
      plan: {
        kind: "send",
        request,
        headers: { prefer: `code=${example.status}, example=${example.name}` },
      },
    });
  }
  return cases;
}
