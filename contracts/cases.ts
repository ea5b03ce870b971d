/**
 * Contract cases, derived from the spec: every named response example, once for each kind of
 * request that provokes it (`x-provoked-by`), and once forced by `Prefer` when the target
 * honours it. A case that cannot be sent says why (unreachable on this target, or skipped).
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { ContractOptions } from "./options.ts";
import {
  buildProvocation,
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
    ...(options.email && options.password
      ? { valid: { email: options.email, password: options.password } }
      : {}),
    ...(options.unverifiedEmail && options.unverifiedPassword
      ? { unverified: { email: options.unverifiedEmail, password: options.unverifiedPassword } }
      : {}),
    ...(options.recaptcha ? { recaptcha: options.recaptcha } : {}),
    ...(options.rejectedRecaptcha ? { rejectedRecaptcha: options.rejectedRecaptcha } : {}),
    unknownEmail: options.unknownEmail,
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
  let wrongPasswordBudget = options.maxWrongPassword;
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
      const request = buildProvocation(facts.variant, word, accounts, {
        bodyLimitBytes: facts.bodyLimitBytes,
      });
      if (isUnreachable(request)) {
        const kind = request.needsAccount ? "skipped" : "unreachable";
        cases.push({ ...base, plan: { kind, reason: request.unreachable } });
        continue;
      }
      if (word === "wrong-password") {
        if (wrongPasswordBudget <= 0) {
          cases.push({
            ...base,
            plan: {
              kind: "skipped",
              reason: `the cap of ${options.maxWrongPassword} wrong-password attempt(s) is reached (--max-wrong-password), so the account is never locked`,
            },
          });
          continue;
        }
        wrongPasswordBudget -= 1;
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
    const request = buildProvocation(facts.variant, "valid-login", {
      ...accounts,
      valid: accounts.valid ?? { email: options.unknownEmail, password: "placeholder-password" },
    });
    if (isUnreachable(request)) continue;
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
