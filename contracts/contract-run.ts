/**
 * One contract run against one target: detects `Prefer` support, derives the cases, runs each
 * through every check, runs the negative phase, and keeps the results for the reports. How they
 * are shown is up to the caller: the CLI's console runner and the self-tests drive it alike.
 * The run is bounded: a deadline (`--deadline`) ends it wherever it is, and a target that gives
 * no reply stops it early (see `MAX_FAILED_REPLIES_IN_A_ROW`), reported once, not per case.
 */
import { SPEC_DOCUMENTS } from "../mocks/core/spec-documents.ts";
import { dereference } from "../openapi/dereference.ts";
import { formatSeconds, REPLY_LIMITS_CHECK, ReplyLimitError } from "./bounded-reply.ts";
import { buildCases, type ContractCase } from "./cases.ts";
import { CHECKS } from "./checks/index.ts";
import { buildCoverage, type CoverageRow } from "./coverage.ts";
import type { Exchange } from "./exchange.ts";
import {
  createHttpTarget,
  type HttpTarget,
  RunStoppedError,
  TransientNetworkError,
} from "./http-target.ts";
import { diffJson } from "./json-diff.ts";
import { sampleNegativeBodies } from "./negative-bodies.ts";
import {
  type ContractOptions,
  DEFAULT_DEADLINE_SECONDS,
  MAX_FAILED_REPLIES_IN_A_ROW,
} from "./options.ts";
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
  /** Why a case was not run, or the network error (and why the run stopped there); redacted. */
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
  /** True once the deadline has passed or the target was found unreachable: send nothing more. */
  stopped(): boolean;
  /**
   * The one line saying why the run stopped, as a `network-error` result under the id
   * `run stopped`, when no case's own result says it already; undefined otherwise.
   */
  stopNotice(): CaseResult | undefined;
  report(): ContractReport;
}

/** The id of the result that says why a run stopped early (it matches no documented response). */
export const RUN_STOPPED_ID = "run stopped";

export async function createContractRun(options: ContractOptions): Promise<ContractRun> {
  const facts = readSpecFacts(options.variant, dereference(SPEC_DOCUMENTS[options.variant]));
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_SECONDS * 1000;
  const deadline = new AbortController();
  const deadlineTimer = setTimeout(
    () =>
      deadline.abort(
        new Error(`the run's deadline of ${formatSeconds(deadlineMs)} (--deadline) passed`),
      ),
    deadlineMs,
  );
  deadlineTimer.unref();
  const redactor = createRedactor([
    options.password,
    options.unverifiedPassword,
    options.recaptcha,
    options.rejectedRecaptcha,
  ]);
  const http = createHttpTarget({
    baseUrl: options.baseUrl,
    ratePerSecond: options.ratePerSecond,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxRetryAfterMs: 30_000,
    // Every media type the spec documents (the 413's problem+json too): a mock that negotiates
    // content, as Prism does, must be free to answer with any documented response.
    accept: [...new Set([...facts.statuses.values()].flatMap((s) => s.mediaTypes))].join(", "),
    signal: deadline.signal,
    limits: options.replyLimits,
  });
  // Every whole reply, the Prefer probe's too, tells the run the target is there.
  const target: HttpTarget = {
    sent: http.sent,
    async send(request) {
      const exchange = await http.send(request);
      replied();
      return exchange;
    },
  };

  // Why the run stopped early (`lead`: the network error that showed it), and whether a
  // result has said so yet: it is said once, by the case it happened in or by `stopNotice`.
  let stop: { lead: string; reason: string; told: boolean } | undefined;
  let completedReplies = 0;
  let failedInARow = 0;
  let casesRun = 0;
  let negativePhase: "pending" | "running" | "done" =
    options.fuzzRuns > 0 && options.drive !== "prefer" ? "pending" : "done";
  const halt = (reason: string, lead = "") => {
    stop ??= { lead, reason, told: false };
  };
  const stopped = () => {
    if (deadline.signal.aborted) halt(`${describeStop(deadline.signal)}; the run stopped.`);
    return stop !== undefined;
  };
  /** The stop, said once: the sentence and what was left unrun. */
  const tellStop = (): string => {
    if (!stop) return "";
    stop.told = true;
    const left = cases.length - casesRun;
    const parts = left > 0 ? [`${left} case${left === 1 ? "" : "s"}`] : [];
    if (negativePhase !== "done")
      parts.push(
        negativePhase === "running" ? "the rest of the negative phase" : "the negative phase",
      );
    return `${stop.lead}${stop.reason}${parts.length ? ` Not run: ${parts.join(" and ")}.` : ""}`;
  };
  /** A send that got a whole reply (over a limit or not): the target is there. */
  const replied = () => {
    completedReplies += 1;
    failedInARow = 0;
  };
  /**
   * A send that got no whole reply. Stops the run once it is plain the target will not answer:
   * at the first when no reply has completed yet, else after `MAX_FAILED_REPLIES_IN_A_ROW`.
   * True when this one stopped it.
   */
  const noReply = (lead = ""): boolean => {
    failedInARow += 1;
    if (stop) return false;
    if (completedReplies > 0 && failedInARow < MAX_FAILED_REPLIES_IN_A_ROW) return false;
    halt(
      completedReplies === 0
        ? "The run stopped: the target has not completed one reply, so nothing more was sent."
        : `The run stopped: ${failedInARow} requests in a row got no complete reply, so nothing more was sent.`,
      lead,
    );
    return true;
  };
  /** The run's deadline ended a reply or a wait. */
  const deadlinePassed = (error: RunStoppedError) =>
    halt(`${capitalise(error.message)} before the reply came; the run stopped.`);
  /** What a failed send tells about the target; the text of a network error, or undefined. */
  const sendFailed = (error: unknown): string | undefined => {
    if (error instanceof ReplyLimitError) {
      if (error.limit === "time") noReply();
      else replied();
      return undefined;
    }
    if (error instanceof RunStoppedError) {
      deadlinePassed(error);
      return tellStop();
    }
    if (error instanceof TransientNetworkError)
      return noReply() ? `${error.message} ${tellStop()}` : error.message;
    throw error;
  };

  const preferHonoured =
    options.drive === "data"
      ? false
      : await detectPrefer(facts, options, target, (error) => {
          // Not a case: the stop, if this is one, is told by `stopNotice` with the error first.
          if (error instanceof TransientNetworkError) noReply(`${error.message} `);
          else if (error instanceof RunStoppedError) deadlinePassed(error);
          // A reply over a limit is left to the cases, which report it as a violation.
        });
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
    casesRun += 1;
    let result: CaseResult;
    if (plan.kind !== "send") {
      result = { ...base, outcome: plan.kind, reason: plan.reason, checks: [] };
    } else if (stopped()) {
      // Only a caller that goes on after `stopped()` gets here: the case was not sent.
      result = {
        ...base,
        outcome: "network-error",
        reason: redactor.redact(`Not sent. ${tellStop()}`),
        checks: [],
      };
    } else {
      const started = performance.now();
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
        const networkError = sendFailed(error);
        if (error instanceof ReplyLimitError) {
          result = {
            ...base,
            outcome: "failed",
            checks: [
              {
                name: REPLY_LIMITS_CHECK,
                verdict: "failed",
                violations: [redactor.redact(error.message)],
              },
            ],
            ...(error.received
              ? {
                  received: {
                    status: error.received.status,
                    ms: Math.round(performance.now() - started),
                    contentType: error.received.contentType,
                  },
                }
              : {}),
          };
        } else {
          result = {
            ...base,
            outcome: "network-error",
            reason: redactor.redact(networkError ?? ""),
            checks: [],
          };
        }
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
      negativePhase = "running";
      for (const body of sampleNegativeBodies(required, options.fuzzRuns, options.fuzzSeed)) {
        if (stopped()) {
          networkError = redactor.redact(tellStop());
          break;
        }
        try {
          const exchange = await target.send(body);
          for (const outcome of check(exchange, undefined)) {
            if (outcome.verdict !== "failed") continue;
            const list = failures.get(outcome.name) ?? [];
            if (list.length < 3) list.push(`${body.flaw}: ${outcome.violations.join("; ")}`);
            failures.set(outcome.name, list);
          }
        } catch (error) {
          const text = sendFailed(error);
          // One reply over a limit fails the phase; the rest would only repeat it.
          if (error instanceof ReplyLimitError)
            failures.set(REPLY_LIMITS_CHECK, [`${body.flaw}: ${redactor.redact(error.message)}`]);
          else networkError = redactor.redact(text ?? "");
          break;
        }
      }
      negativePhase = "done";
      const checks = CHECKS.map((c): CheckOutcome => {
        if (options.skipChecks.includes(c.name))
          return { name: c.name, verdict: "skipped", violations: [] };
        const violations = failures.get(c.name) ?? [];
        return { name: c.name, verdict: violations.length ? "failed" : "passed", violations };
      });
      const overLimit = failures.get(REPLY_LIMITS_CHECK);
      if (overLimit)
        checks.push({ name: REPLY_LIMITS_CHECK, verdict: "failed", violations: overLimit });
      result = networkError
        ? { ...base, outcome: "network-error", reason: networkError, checks }
        : { ...base, outcome: failures.size ? "failed" : "passed", checks };
    }
    results.push(result);
    return result;
  }

  function stopNotice(): CaseResult | undefined {
    if (!stopped() || stop?.told) return undefined;
    const result: CaseResult = {
      id: RUN_STOPPED_ID,
      example: "",
      status: 0,
      via: "data",
      outcome: "network-error",
      reason: redactor.redact(tellStop()),
      checks: [],
    };
    results.push(result);
    return result;
  }

  function report(): ContractReport {
    clearTimeout(deadlineTimer);
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

  const run: ContractRun = {
    cases,
    preferHonoured,
    runCase,
    runNegativePhase,
    stopped,
    stopNotice,
    report,
  };
  return run;
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
    if (run.stopped()) break;
    const result = await run.runCase(contractCase);
    listener.onResult?.(result);
  }
  if (!run.stopped()) {
    const negative = await run.runNegativePhase();
    listener.onResult?.(negative);
  }
  const notice = run.stopNotice();
  if (notice) listener.onResult?.(notice);
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
  onFailure: (error: TransientNetworkError | RunStoppedError | ReplyLimitError) => void,
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
    if (
      error instanceof TransientNetworkError ||
      error instanceof RunStoppedError ||
      error instanceof ReplyLimitError
    ) {
      onFailure(error);
      return false;
    }
    throw error;
  }
}

function describeStop(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return capitalise(reason instanceof Error ? reason.message : "the run was stopped");
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

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
