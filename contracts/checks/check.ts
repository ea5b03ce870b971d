/**
 * A check is a small named function: given one exchange and what the spec expected of it, it
 * returns its violations (empty when it holds) or null when it does not apply. Reports name
 * checks, so a failure says which rule broke, not just that something did.
 */
import type { ResponseExample } from "../../openapi/examples.ts";
import type { Exchange } from "../exchange.ts";
import type { SpecFacts } from "../spec-facts.ts";

export interface CheckSettings {
  /** Fails a response slower than this; undefined = no budget (the default). */
  readonly responseTimeBudgetMs: number | undefined;
  /** How far a JWT's `exp` may be from now + the documented lifetime. */
  readonly jwtLeewaySeconds: number;
  /** Accepted JWT `alg` values; undefined = any except `none`. */
  readonly jwtAlgorithms: readonly string[] | undefined;
}

export interface CheckInput {
  readonly facts: SpecFacts;
  readonly exchange: Exchange;
  /** The documented response this request should get; undefined = any documented 4xx. */
  readonly expected: ResponseExample | undefined;
  /** The request was invalid input (anything but a valid login). */
  readonly negative: boolean;
  /**
   * The status is the one this request should get: the expected response's, or for generated
   * invalid input one of the 4xx the spec documents (see `isRightStatus`).
   */
  readonly rightStatus: boolean;
  /** When the response arrived. */
  readonly nowMs: number;
  readonly settings: CheckSettings;
}

export interface Check {
  readonly name: string;
  /** One line for the README and `--help`. */
  readonly rule: string;
  /**
   * The check judges a reply by what the spec documents for the status that came back, so it
   * runs only when that status is the right one. A 200 where a 422 belongs is reported as the
   * wrong status; judging its cookie, token and headers as a 200's would bury that one fact.
   */
  readonly needsRightStatus?: true;
  run(input: CheckInput): string[] | null;
}

/**
 * Whether `status` is what this request should get: the expected response's status, or, for
 * generated invalid input (no expected response), one of the 4xx the spec documents.
 */
export function isRightStatus(
  facts: SpecFacts,
  expected: ResponseExample | undefined,
  status: number,
): boolean {
  if (expected) return status === expected.status;
  return documentedRefusals(facts).includes(status);
}

/** The 4xx statuses the spec documents: the answers to invalid input. */
export function documentedRefusals(facts: SpecFacts): number[] {
  return [...facts.statuses.keys()].filter((code) => code >= 400 && code < 500);
}

/** The status's documented facts, or undefined when the spec has no such status. */
export function statusFacts(input: CheckInput) {
  return input.facts.statuses.get(input.exchange.response.status);
}

/** The documented facts of the status this request should get; undefined when none is expected. */
export function expectedFacts(input: CheckInput) {
  return input.expected && input.facts.statuses.get(input.expected.status);
}
