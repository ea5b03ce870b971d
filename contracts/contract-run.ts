/**
 * One contract run against one target: probes it (is it there, is the login served at the base
 * URL, is `Prefer` honoured), fetches the key set when `--jwks-url` is given, derives the cases
 * (the login's, then the refresh's and logout's the spec names: `session-run.ts`), runs each
 * through every check, runs the negative phase, and keeps the results for the reports. How they are shown is up to the
 * caller: the CLI's console runner and the self-tests drive it alike.
 * The run is bounded: a deadline (`--deadline`) ends it wherever it is, and a target that gives
 * no reply stops it early (see `MAX_FAILED_REPLIES_IN_A_ROW`), reported once, not per case.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import { readPointer } from "../openapi/json-pointer.ts";
import { formatSeconds, REPLY_LIMITS_CHECK, ReplyLimitError } from "./bounded-reply.ts";
import { buildCases, type ContractCase } from "./cases.ts";
import { type Check, documentedRefusals, isRightStatus } from "./checks/check.ts";
import { CHECKS } from "./checks/index.ts";
import { issuedToken } from "./checks/jwt-checks.ts";
import { JWT_SIGNATURE } from "./checks/session-checks.ts";
import { buildCoverage, type CoverageRow, rowName } from "./coverage.ts";
import type { Exchange } from "./exchange.ts";
import {
  createHttpTarget,
  type HttpTarget,
  RunStoppedError,
  TransientNetworkError,
} from "./http-target.ts";
import { diffJson } from "./json-diff.ts";
import { type KeySetLoad, loadKeySet } from "./jwks.ts";
import { sampleNegativeBodies } from "./negative-bodies.ts";
import { operationPath } from "./operation-path.ts";
import {
  type ContractOptions,
  DEFAULT_DEADLINE_SECONDS,
  MAX_FAILED_REPLIES_IN_A_ROW,
} from "./options.ts";
import { createRedactor, displayUrl, type Redactor } from "./redact.ts";
import { operationName } from "./session-cases.ts";
import { createSessionRunner, type SessionVerdict } from "./session-run.ts";
import { parseSetCookie } from "./set-cookie.ts";
import { readSessionFacts, readSpecFacts, type SpecFacts } from "./spec-facts.ts";
import { probeTarget } from "./target-probe.ts";

export interface CheckOutcome {
  readonly name: string;
  readonly verdict: "passed" | "failed" | "not-applicable" | "skipped";
  readonly violations: readonly string[];
}

export interface CaseResult {
  readonly id: string;
  readonly example: string;
  readonly status: number;
  /** `key-set`: the fetch of `--jwks-url`, once a run, before the cases. */
  readonly via: "data" | "prefer" | "negative" | "key-set";
  readonly outcome: "passed" | "failed" | "unreachable" | "skipped" | "network-error";
  /**
   * Why a case was not run, or the network error (and why the run stopped there), or why a
   * refresh or logout case failed before its own request; redacted.
   */
  readonly reason?: string;
  /**
   * The refresh or logout operation the case calls (`POST /auth/refresh`), whose example
   * `example` is; absent for the login's cases.
   */
  readonly operation?: string;
  readonly checks: readonly CheckOutcome[];
  readonly received?: {
    readonly status: number;
    readonly ms: number;
    readonly contentType: string | null;
  };
  /**
   * What the body that came back looks like next to the spec's example of its status (the
   * expected example when the status is right): a heading and a redacted diff, or a heading
   * alone saying there is no example to compare with. Only on a failure about the body or the
   * status.
   */
  readonly body?: { readonly heading: string; readonly lines: readonly string[] };
  /** The negative phase: how many replies came back with each status. */
  readonly replies?: readonly { readonly status: number; readonly count: number }[];
  /** The negative phase: the 4xx the spec documents, the right answers to invalid input. */
  readonly refusals?: readonly number[];
}

export interface ContractReport {
  /** The id of the login API checked (a preset's, or a user spec's `x-login-mock.id`). */
  readonly variant: string;
  readonly baseUrl: string;
  /** The login operation, as the spec gives it: `POST /auth/login`. */
  readonly operation: string;
  /**
   * Set when the probe stopped the run before any case: the one line saying why and what to do,
   * and the exit code (3 no reply, 2 a base URL under which the login is not served).
   */
  readonly blocked?: { readonly line: string; readonly exitCode: 2 | 3 };
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
  /** The login operation, as the spec gives it: `POST /auth/login`. */
  readonly operation: string;
  /** The probe's verdict when it stopped the run: nothing else is sent. */
  readonly blocked: ContractReport["blocked"];
  runCase(contractCase: ContractCase): Promise<CaseResult>;
  runNegativePhase(): Promise<CaseResult>;
  /**
   * Fetches `--jwks-url` (once; later calls and the signature checks share it): the result that
   * says whether the key set can be used, or undefined when no URL was given.
   */
  loadKeySet(): Promise<CaseResult | undefined>;
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
const RUN_STOPPED_ID = "run stopped";

export async function createContractRun(options: ContractOptions): Promise<ContractRun> {
  const facts = readSpecFacts(options.api);
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
  const sessionFacts = {
    refresh: readSessionFacts(options.api, "refresh"),
    logout: readSessionFacts(options.api, "logout"),
  };
  const redactor = createRedactor(
    [
      options.secret,
      options.answerAccount?.secret,
      options.challenge,
      options.rejectedChallenge,
      options.jwtSecret,
    ],
    secretKeys(facts),
  );
  const http = createHttpTarget({
    baseUrl: options.baseUrl,
    // Throws MissingPathParameterError before anything is sent (the CLI checks it first).
    path: operationPath(facts.api, options.pathParams),
    method: facts.method,
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
  const keysGiven = options.jwksUrl !== undefined || options.jwtSecret !== undefined;

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

  const probe = await probeTarget(facts, options, target);
  const blocked =
    probe.kind === "stop" ? { line: probe.line, exitCode: probe.exitCode } : undefined;
  if (blocked) halt(blocked.line);
  const preferHonoured = probe.kind === "answered" && probe.preferHonoured;
  const cases = blocked ? [] : buildCases(facts, options, preferHonoured);
  const operation = `${facts.method} ${facts.operationPath}`;
  const results: CaseResult[] = [];

  function check(
    exchange: Exchange,
    contractCase: Pick<ContractCase, "example" | "negative"> | undefined,
  ) {
    return judge(facts, exchange, contractCase?.example, contractCase?.negative ?? true, CHECKS);
  }

  /** Runs `checks` on one reply, judged by `judgedBy` (the login's facts, or a refresh's). */
  function judge(
    judgedBy: SpecFacts,
    exchange: Exchange,
    expected: ResponseExample | undefined,
    negative: boolean,
    checks: readonly Check[],
  ): CheckOutcome[] {
    rememberSecrets(exchange, redactor, judgedBy);
    const rightStatus = isRightStatus(judgedBy, expected, exchange.response.status);
    const input = {
      facts: judgedBy,
      exchange,
      expected,
      negative,
      rightStatus,
      nowMs: Date.now(),
      settings: options.settings,
    };
    return checks.map((c): CheckOutcome => {
      if (options.skipChecks.includes(c.name))
        return { name: c.name, verdict: "skipped", violations: [] };
      // The status is wrong: status-code says so; this check would judge the reply by the
      // contract of a status that should not have come back.
      if (c.needsRightStatus && !rightStatus)
        return { name: c.name, verdict: "not-applicable", violations: [] };
      const violations = c.run(input);
      if (violations === null) return { name: c.name, verdict: "not-applicable", violations: [] };
      return {
        name: c.name,
        verdict: violations.length ? "failed" : "passed",
        violations: violations.map(redactor.redact),
      };
    });
  }

  /** The one fetch of `--jwks-url` (and the verifier), shared by every signature check. */
  let keySet: Promise<KeySetLoad> | undefined;
  let keySetResult: Promise<CaseResult | undefined> | undefined;
  const keys = (): Promise<KeySetLoad> => {
    keySet ??= loadKeySet(options, {
      timeoutMs: options.timeoutMs,
      limits: options.replyLimits,
      signal: deadline.signal,
    });
    return keySet;
  };

  function loadKeySetResult(): Promise<CaseResult | undefined> {
    keySetResult ??= (async () => {
      if (options.jwksUrl === undefined) return undefined;
      const loaded = await keys();
      const base = {
        id: `key set ${displayUrl(options.jwksUrl)}`,
        example: "key set",
        status: 200,
        via: "key-set" as const,
      };
      const received =
        loaded.kind === "no-reply" || !loaded.received
          ? {}
          : { received: { ...loaded.received, ms: Math.round(loaded.received.ms) } };
      const skipped = options.skipChecks.includes(JWT_SIGNATURE.name);
      let result: CaseResult;
      if (loaded.kind === "ready")
        result = {
          ...base,
          outcome: "passed",
          reason: `${loaded.keys} key${loaded.keys === 1 ? "" : "s"}`,
          checks: [
            { name: JWT_SIGNATURE.name, verdict: skipped ? "skipped" : "passed", violations: [] },
          ],
          ...received,
        };
      else if (loaded.kind === "unusable")
        result = {
          ...base,
          outcome: "failed",
          checks: [
            {
              name: loaded.check,
              verdict: "failed",
              violations: [redactor.redact(loaded.violation)],
            },
          ],
          ...received,
        };
      else
        result = {
          ...base,
          outcome: "network-error",
          reason: redactor.redact(loaded.reason),
          checks: [],
        };
      results.push(result);
      return result;
    })();
    return keySetResult;
  }

  /**
   * `jwt-signature` on a reply that issues a token (`judgedBy`'s success), when keys were given:
   * not applicable when the status is not the expected one, there is no token (the `jwt`
   * check says so), or the key set could not be read (its own result says why).
   */
  async function signature(
    judgedBy: SpecFacts,
    exchange: Exchange,
    expected: ResponseExample | undefined,
  ): Promise<CheckOutcome | undefined> {
    if (!keysGiven) return undefined;
    const name = JWT_SIGNATURE.name;
    if (options.skipChecks.includes(name)) return { name, verdict: "skipped", violations: [] };
    const notApplicable: CheckOutcome = { name, verdict: "not-applicable", violations: [] };
    if (!expected || exchange.response.status !== expected.status) return notApplicable;
    const token = issuedToken({ exchange, facts: judgedBy });
    if (!token) return notApplicable;
    await loadKeySetResult();
    const loaded = await keys();
    if (loaded.kind !== "ready") return notApplicable;
    const violations = await loaded.verify(token);
    if (violations === null) return notApplicable;
    return {
      name,
      verdict: violations.length ? "failed" : "passed",
      violations: violations.map(redactor.redact),
    };
  }

  const sessions = createSessionRunner({
    api: options.api,
    options,
    loginFacts: facts,
    facts: sessionFacts,
    send: (request) => target.send(request),
    judge: (judgedBy, exchange, expected, checks) =>
      judge(judgedBy, exchange, expected, false, checks),
    signature: (judgedBy, exchange) =>
      signature(
        judgedBy,
        exchange,
        judgedBy.examples.find((e) => e.name === judgedBy.issuing),
      ),
    remember: (exchange, judgedBy) => rememberSecrets(exchange, redactor, judgedBy),
    redact: (text) => redactor.redact(text),
    loginHeld: () =>
      results.some(
        (r) =>
          r.operation === undefined && r.id.endsWith("← valid-login") && r.outcome === "passed",
      ),
  });

  /** The reply a case sent for, judged: the case's result (`judgedBy`: the facts it was judged by). */
  function judgedResult(
    base: Omit<CaseResult, "outcome" | "checks">,
    contractCase: ContractCase,
    judgedBy: SpecFacts,
    exchange: Exchange,
    checks: readonly CheckOutcome[],
  ): CaseResult {
    const failed = checks.some((c) => c.verdict === "failed");
    const { response } = exchange;
    return {
      ...base,
      outcome: failed ? "failed" : "passed",
      checks,
      received: {
        status: response.status,
        ms: Math.round(response.ms),
        contentType: response.headers.get("content-type") ?? null,
      },
      ...(failed ? bodyOf(describeBody(judgedBy, contractCase, exchange, checks, redactor)) : {}),
    };
  }

  async function runCase(contractCase: ContractCase): Promise<CaseResult> {
    const base = {
      id: contractCase.id,
      example: contractCase.example.name,
      status: contractCase.example.status,
      via: contractCase.via,
      ...(contractCase.session ? { operation: contractCase.session.operation } : {}),
    };
    const { plan } = contractCase;
    casesRun += 1;
    let result: CaseResult;
    if (plan.kind === "skipped" || plan.kind === "unreachable") {
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
        if (plan.kind === "session") {
          const verdict: SessionVerdict = await sessions.run(contractCase);
          result =
            verdict.kind === "judged"
              ? judgedResult(base, contractCase, verdict.facts, verdict.exchange, verdict.checks)
              : {
                  ...base,
                  outcome: verdict.outcome,
                  reason: verdict.reason,
                  checks: verdict.checks,
                };
        } else {
          const exchange = await target.send({ ...plan.request, headers: plan.headers });
          const checks = check(exchange, contractCase);
          const signed = await signature(facts, exchange, contractCase.example);
          if (signed) checks.push(signed);
          result = judgedResult(base, contractCase, facts, exchange, checks);
        }
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
      const statuses = new Map<number, number>();
      let networkError: string | undefined;
      negativePhase = "running";
      const bodies = sampleNegativeBodies(
        facts.api,
        options.fuzzRuns,
        options.fuzzSeed,
        options.unknownIdentity,
      );
      for (const body of bodies) {
        if (stopped()) {
          networkError = redactor.redact(tellStop());
          break;
        }
        try {
          const exchange = await target.send(body);
          const { status } = exchange.response;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
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
      const tally = {
        replies: [...statuses].map(([status, count]) => ({ status, count })),
        refusals: documentedRefusals(facts),
      };
      result = networkError
        ? { ...base, outcome: "network-error", reason: networkError, checks, ...tally }
        : { ...base, outcome: failures.size ? "failed" : "passed", checks, ...tally };
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
    const coverage = buildCoverage(facts.examples, results, sessionOperations(options.api));
    const unexercised = options.requireAll
      ? coverage
          // Documented responses only: the negative phase is not one (--fuzz-runs 0 is allowed).
          .filter((row) => row.status !== "—" && row.outcome === "skipped")
          .map((row) => `${row.status} ${rowName(row)}: ${row.detail}`)
      : [];
    const exercised = results.some((r) => r.outcome === "passed" || r.outcome === "failed");
    const ok =
      exercised &&
      results.every((r) => r.outcome !== "failed" && r.outcome !== "network-error") &&
      unexercised.length === 0;
    return {
      variant: options.api.id,
      baseUrl: displayUrl(options.baseUrl),
      operation,
      ...(blocked ? { blocked } : {}),
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
    operation,
    blocked,
    runCase,
    runNegativePhase,
    loadKeySet: loadKeySetResult,
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
  // The probe found nothing to check: the one line says so, and no case is sent.
  if (run.blocked) return run.report();
  listener.onStart?.(run);
  // The key set first: every signature check of the cases judges by it.
  if (!run.stopped()) {
    const keySet = await run.loadKeySet();
    if (keySet) listener.onResult?.(keySet);
  }
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
 * The body that came back beside the spec's example of its status: the expected example when
 * the status is right (shown only when the body itself failed), else the example of the status
 * that came back, the branch it matches where several share it, or a word that there is none.
 */
function describeBody(
  facts: SpecFacts,
  contractCase: ContractCase,
  exchange: Exchange,
  checks: readonly CheckOutcome[],
  redactor: Redactor,
): CaseResult["body"] {
  const { status, json, bodyText } = exchange.response;
  const right = status === contractCase.example.status;
  const bodyFailed = checks.some(
    (c) =>
      c.verdict === "failed" && (c.name === "response-schema" || c.name === "same-status-variant"),
  );
  if (right && !bodyFailed) return undefined;
  const siblings = facts.examples.filter((example) => example.status === status);
  if (!siblings.length)
    return {
      heading: `the spec documents no ${status} response for ${facts.method} ${facts.operationPath}, so there is no example to compare the body with`,
      lines: [],
    };
  const branches = json === undefined ? [] : facts.validateBody(status, json).branches;
  const example = right
    ? contractCase.example
    : (siblings.find((sibling) => branches.includes(sibling.name)) ?? siblings[0]);
  if (!example) return undefined;
  const named = `the spec's ${status} example "${example.name}"`;
  // A body that is not JSON is said once, by response-schema, when the status is right.
  if (json === undefined)
    return right
      ? undefined
      : { heading: `the body is not JSON (${bodyText.length} bytes), unlike ${named}`, lines: [] };
  const lines = diffJson(example.value, json, redactor);
  if (!lines.length)
    return { heading: `the body has the keys and top-level values of ${named}`, lines };
  return { heading: `body vs ${named}`, lines };
}

function describeStop(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return capitalise(reason instanceof Error ? reason.message : "the run was stopped");
}

const bodyOf = (body: CaseResult["body"]) => (body ? { body } : {});

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Body keys whose values are secrets for this API: its secret and challenge fields, the token's
 * and the refresh token's, and the fields a refresh and a logout take a refresh token in.
 */
function secretKeys(facts: SpecFacts): string[] {
  const { request, token, refresh, logout } = facts.api;
  const lastKey = (pointer: string | undefined) =>
    pointer?.split("/").at(-1)?.replace(/~1/g, "/").replace(/~0/g, "~");
  return [
    request.secret,
    request.challenge?.field,
    token.placement.in === "body" ? lastKey(token.placement.pointer) : undefined,
    lastKey(token.refresh),
    refresh?.field,
    lastKey(refresh?.token.pointer),
    lastKey(refresh?.token.refresh),
    logout?.field,
  ].filter((key): key is string => key !== undefined && key !== "");
}

/** The refresh and logout operations, for the coverage record: a row per documented response. */
function sessionOperations(api: ContractOptions["api"]) {
  return [api.refresh, api.logout]
    .filter((operation) => operation !== undefined)
    .map((operation) => ({ operation: operationName(operation), examples: operation.examples }));
}

/** Tokens and cookie values seen in responses join the secrets that reports never print. */
export function rememberSecrets(exchange: Exchange, redactor: Redactor, facts: SpecFacts): void {
  for (const line of exchange.response.setCookies) redactor.add(parseSetCookie(line)?.value);
  const { placement, refresh } = facts.token;
  if (placement.in === "header") {
    const value = exchange.response.headers.get(placement.header);
    redactor.add(value);
    // The token alone, printed elsewhere (an opaque one is not caught by its JWT shape).
    redactor.add(value?.replace(/^bearer\s+/i, "").trim());
  }
  const json = exchange.response.json;
  if (json === null || typeof json !== "object") return;
  for (const pointer of [placement.in === "body" ? placement.pointer : undefined, refresh]) {
    const value = pointer === undefined ? undefined : readPointer(json, pointer);
    if (typeof value === "string") redactor.add(value);
  }
}
