/**
 * One contract run against one target: detects `Prefer` support, derives the cases, runs each
 * through every check, runs the negative phase, and keeps the results for the reports. How they
 * are shown is up to the caller: the CLI's console runner and the self-tests drive it alike.
 */
import { SPEC_DOCUMENTS } from "../mocks/core/spec-documents.ts";
import { dereference } from "../openapi/dereference.ts";
import { buildCases, type ContractCase } from "./cases.ts";
import { CHECKS } from "./checks/index.ts";
import { buildCoverage, type CoverageRow } from "./coverage.ts";
import type { Exchange } from "./exchange.ts";
import { createHttpTarget, type HttpTarget, TransientNetworkError } from "./http-target.ts";
import { diffJson } from "./json-diff.ts";
import { sampleNegativeBodies } from "./negative-bodies.ts";
import type { ContractOptions } from "./options.ts";
import { buildProvocation, isUnreachable } from "./provocations.ts";
import { createRedactor, displayUrl, type Redactor } from "./redact.ts";
import { parseSetCookie } from "./set-cookie.ts";
import { readSpecFacts, type SpecFacts } from "./spec-facts.ts";

export interface CheckOutcome {
  readonly name: string;
  readonly verdict: "passed" | "failed" | "not-applicable" | "skipped";
  readonly violations: readonly string[];
}

export interface CaseResult {
  readonly id: string;
  readonly example: string;
  readonly status: number;
  readonly via: "data" | "prefer" | "negative";
  readonly outcome: "passed" | "failed" | "unreachable" | "skipped" | "network-error";
  /** Why a case was not run, or the network error; redacted. */
  readonly reason?: string;
  readonly checks: readonly CheckOutcome[];
  readonly received?: {
    readonly status: number;
    readonly ms: number;
    readonly contentType: string | null;
  };
  readonly diff?: readonly string[];
}

export interface ContractReport {
  readonly variant: string;
  readonly baseUrl: string;
  readonly preferHonoured: boolean;
  readonly fuzz: { readonly seed: number; readonly runs: number };
  readonly skippedChecks: readonly string[];
  readonly requests: number;
  readonly results: readonly CaseResult[];
  readonly coverage: readonly CoverageRow[];
  /** Reachable responses left unexercised, when --require-all is on. */
  readonly unexercised: readonly string[];
  /** True when something was exercised, nothing failed and nothing hit a network error. */
  readonly ok: boolean;
}

export interface ContractRun {
  readonly cases: readonly ContractCase[];
  readonly preferHonoured: boolean;
  runCase(contractCase: ContractCase): Promise<CaseResult>;
  runNegativePhase(): Promise<CaseResult>;
  report(): ContractReport;
}

export async function createContractRun(options: ContractOptions): Promise<ContractRun> {
  const facts = readSpecFacts(options.variant, dereference(SPEC_DOCUMENTS[options.variant]));
  const redactor = createRedactor([
    options.password,
    options.unverifiedPassword,
    options.recaptcha,
    options.rejectedRecaptcha,
  ]);
  const target = createHttpTarget({
    baseUrl: options.baseUrl,
    ratePerSecond: options.ratePerSecond,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxRetryAfterMs: 30_000,
    // Every media type the spec documents (the 413's problem+json too): a mock that negotiates
    // content, as Prism does, must be free to answer with any documented response.
    accept: [...new Set([...facts.statuses.values()].flatMap((s) => s.mediaTypes))].join(", "),
  });
  const preferHonoured =
    options.drive === "data" ? false : await detectPrefer(facts, options, target);
  const cases = buildCases(facts, options, preferHonoured);
  const results: CaseResult[] = [];

  function check(
    exchange: Exchange,
    contractCase: Pick<ContractCase, "example" | "negative"> | undefined,
  ) {
    rememberSecrets(exchange, redactor);
    const input = {
      facts,
      exchange,
      expected: contractCase?.example,
      negative: contractCase ? contractCase.negative : true,
      nowMs: Date.now(),
      settings: options.settings,
    };
    return CHECKS.map((c): CheckOutcome => {
      if (options.skipChecks.includes(c.name))
        return { name: c.name, verdict: "skipped", violations: [] };
      const violations = c.run(input);
      if (violations === null) return { name: c.name, verdict: "not-applicable", violations: [] };
      return {
        name: c.name,
        verdict: violations.length ? "failed" : "passed",
        violations: violations.map(redactor.redact),
      };
    });
  }

  async function runCase(contractCase: ContractCase): Promise<CaseResult> {
    const base = {
      id: contractCase.id,
      example: contractCase.example.name,
      status: contractCase.example.status,
      via: contractCase.via,
    };
    const { plan } = contractCase;
    let result: CaseResult;
    if (plan.kind !== "send") {
      result = { ...base, outcome: plan.kind, reason: plan.reason, checks: [] };
    } else {
      try {
        const exchange = await target.send({ ...plan.request, headers: plan.headers });
        const checks = check(exchange, contractCase);
        const failed = checks.some((c) => c.verdict === "failed");
        const { response } = exchange;
        result = {
          ...base,
          outcome: failed ? "failed" : "passed",
          checks,
          received: {
            status: response.status,
            ms: Math.round(response.ms),
            contentType: response.headers.get("content-type") ?? null,
          },
          ...(failed && response.json !== undefined
            ? { diff: diffJson(contractCase.example.value, response.json, redactor) }
            : {}),
        };
      } catch (error) {
        if (!(error instanceof TransientNetworkError)) throw error;
        result = {
          ...base,
          outcome: "network-error",
          reason: redactor.redact(error.message),
          checks: [],
        };
      }
    }
    results.push(result);
    return result;
  }

  async function runNegativePhase(): Promise<CaseResult> {
    const required = requiredFields(facts);
    const base = {
      id: `negative data (${options.fuzzRuns} generated bodies, seed ${options.fuzzSeed})`,
      example: "negative-data",
      status: 0,
      via: "negative" as const,
    };
    let result: CaseResult;
    if (options.drive === "prefer") {
      result = {
        ...base,
        outcome: "skipped",
        reason: "--drive prefer sends only Prefer-driven requests",
        checks: [],
      };
    } else if (options.fuzzRuns <= 0) {
      result = { ...base, outcome: "skipped", reason: "--fuzz-runs 0", checks: [] };
    } else {
      const failures = new Map<string, string[]>();
      let networkError: string | undefined;
      for (const body of sampleNegativeBodies(required, options.fuzzRuns, options.fuzzSeed)) {
        try {
          const exchange = await target.send(body);
          for (const outcome of check(exchange, undefined)) {
            if (outcome.verdict !== "failed") continue;
            const list = failures.get(outcome.name) ?? [];
            if (list.length < 3) list.push(`${body.flaw}: ${outcome.violations.join("; ")}`);
            failures.set(outcome.name, list);
          }
        } catch (error) {
          if (!(error instanceof TransientNetworkError)) throw error;
          networkError = redactor.redact(error.message);
          break;
        }
      }
      const checks = CHECKS.map((c): CheckOutcome => {
        if (options.skipChecks.includes(c.name))
          return { name: c.name, verdict: "skipped", violations: [] };
        const violations = failures.get(c.name) ?? [];
        return { name: c.name, verdict: violations.length ? "failed" : "passed", violations };
      });
      result = networkError
        ? { ...base, outcome: "network-error", reason: networkError, checks }
        : { ...base, outcome: failures.size ? "failed" : "passed", checks };
    }
    results.push(result);
    return result;
  }

  function report(): ContractReport {
    const coverage = buildCoverage(facts.examples, results);
    const unexercised = options.requireAll
      ? coverage
          // Documented responses only: the negative phase is not one (--fuzz-runs 0 is allowed).
          .filter((row) => row.status !== "—" && row.outcome === "skipped")
          .map((row) => `${row.status} ${row.example}: ${row.detail}`)
      : [];
    const exercised = results.some((r) => r.outcome === "passed" || r.outcome === "failed");
    const ok =
      exercised &&
      results.every((r) => r.outcome !== "failed" && r.outcome !== "network-error") &&
      unexercised.length === 0;
    return {
      variant: options.variant,
      baseUrl: displayUrl(options.baseUrl),
      preferHonoured,
      fuzz: { seed: options.fuzzSeed, runs: options.fuzzRuns },
      skippedChecks: options.skipChecks,
      requests: target.sent(),
      results,
      coverage,
      unexercised,
      ok,
    };
  }

  return { cases, preferHonoured, runCase, runNegativePhase, report };
}

/** What a caller hears while a run goes on: the CLI prints each case the moment it finishes. */
export interface RunListener {
  /** Once `Prefer` support is known and the cases are derived, before any case is sent. */
  readonly onStart?: (run: ContractRun) => void;
  readonly onResult?: (result: CaseResult) => void;
}

/**
 * Runs every case, then the negative phase, one at a time: one target, one connection budget.
 * `login-mock contract` and the self-tests both run through here.
 */
export async function runContract(
  options: ContractOptions,
  listener: RunListener = {},
): Promise<ContractReport> {
  const run = await createContractRun(options);
  listener.onStart?.(run);
  // Awaited apart from the call: `onResult?.(await …)` would skip the case without a listener.
  for (const contractCase of run.cases) {
    const result = await run.runCase(contractCase);
    listener.onResult?.(result);
  }
  const negative = await run.runNegativePhase();
  listener.onResult?.(negative);
  return run.report();
}

/**
 * Sends a login for an unknown user (a 4xx on a real server), asking by `Prefer` for a documented
 * response with another status (the 500, where there is one). Only a target that honours
 * `Prefer` answers with it.
 */
async function detectPrefer(
  facts: SpecFacts,
  options: ContractOptions,
  target: HttpTarget,
): Promise<boolean> {
  const dataAnswer = facts.examples.find((example) => example.provokedBy.includes("unknown-user"));
  const wanted =
    facts.examples.find((example) => example.status >= 500) ??
    facts.examples.find((example) => example.status !== dataAnswer?.status);
  // A well-formed body: mocks such as Prism validate the request before they honour Prefer.
  const request = buildProvocation(facts.variant, "unknown-user", {
    unknownEmail: options.unknownEmail,
  });
  if (!wanted || isUnreachable(request)) return false;
  try {
    const { response } = await target.send({
      ...request,
      headers: { prefer: `code=${wanted.status}, example=${wanted.name}` },
    });
    return (
      response.status === wanted.status && facts.validateBody(response.status, response.json).valid
    );
  } catch (error) {
    if (error instanceof TransientNetworkError) return false;
    throw error;
  }
}

function requiredFields(facts: SpecFacts): string[] {
  const required = facts.requestSchema?.required;
  return Array.isArray(required) ? (required as string[]) : [];
}

/** Tokens and cookie values seen in responses join the secrets that reports never print. */
function rememberSecrets(exchange: Exchange, redactor: Redactor): void {
  for (const line of exchange.response.setCookies) redactor.add(parseSetCookie(line)?.value);
  const json = exchange.response.json as Record<string, unknown> | undefined;
  if (json && typeof json === "object") {
    for (const key of ["token", "refreshToken"]) {
      const value = json[key];
      if (typeof value === "string") redactor.add(value);
    }
  }
}
