/**
 * Runs the refresh and logout cases (`session-cases.ts`) against the target, one story each:
 * log in, exchange or end what the login gave, and judge the last reply by the operation's own
 * facts (its statuses, bodies, headers), the JWT checks where a token is issued, and the session
 * checks (`checks/session-checks.ts`). Stories that follow one another share their state: the
 * reuse case sends again the refresh token the exchange case retired, and the case after a
 * logout sends the logged-out login's refresh token. A case whose earlier steps did not happen
 * says so, pointing at the case that shows why.
 *
 * An operation the spec marks `x-inferred` (the vendor documents none) that the target answers
 * with an undocumented 404 or 405 is not served there: its cases are unreachable, unless
 * `--require-session-operations` asks for it. One the vendor documents is judged as any other.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import { readPointer } from "../openapi/json-pointer.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import {
  FORM_MEDIA_TYPE,
  isJsonContentType,
  JSON_MEDIA_TYPE,
  mediaTypeEssence,
} from "../openapi/media-type.ts";
import type { SessionOperation } from "../openapi/session-operations.ts";
import { accountsFrom, type ContractCase } from "./cases.ts";
import type { Check } from "./checks/check.ts";
import { CHECKS } from "./checks/index.ts";
import { issuedToken } from "./checks/jwt-checks.ts";
import {
  LOGOUT_COOKIE,
  logoutCookieViolations,
  REFRESH_ROTATION,
  revokedViolations,
  rotationViolations,
  SESSION_OPERATION,
  SESSION_STEPS,
  type SessionCheck,
  TOKEN_REVOKED,
} from "./checks/session-checks.ts";
import type { CheckOutcome } from "./contract-run.ts";
import type { Exchange } from "./exchange.ts";
import type { TargetRequest } from "./http-target.ts";
import type { ContractOptions } from "./options.ts";
import { buildProvocation, isUnreachable } from "./provocations.ts";
import { type SessionKind, type SessionStep, UNKNOWN_REFRESH_TOKEN } from "./session-cases.ts";
import { type ParsedCookie, parseSetCookie } from "./set-cookie.ts";
import type { SpecFacts } from "./spec-facts.ts";

/** What a session case came to: a judged reply, or why its own request was not judged. */
export type SessionVerdict =
  | {
      readonly kind: "judged";
      /** The facts the reply was judged by: the operation's. */
      readonly facts: SpecFacts;
      readonly exchange: Exchange;
      readonly checks: readonly CheckOutcome[];
    }
  | {
      readonly kind: "not-run";
      readonly outcome: "skipped" | "unreachable" | "failed";
      readonly reason: string;
      /** On a failure: the check that says why. */
      readonly checks: readonly CheckOutcome[];
    };

/** What the runner needs of the run it is part of (`contract-run.ts`). */
export interface SessionContext {
  readonly api: LoginApi;
  readonly options: ContractOptions;
  readonly loginFacts: SpecFacts;
  readonly facts: Readonly<Record<SessionKind, SpecFacts | undefined>>;
  /** Sends to the login (no `operation`) or to a refresh or logout; throws as the target does. */
  send(request: TargetRequest): Promise<Exchange>;
  /** Runs registry checks on a reply, as the login's cases are judged (skips, redaction). */
  judge(
    facts: SpecFacts,
    exchange: Exchange,
    expected: ResponseExample,
    checks: readonly Check[],
  ): CheckOutcome[];
  /** The `jwt-signature` outcome of a reply that issues a token, when keys were given. */
  signature(facts: SpecFacts, exchange: Exchange): Promise<CheckOutcome | undefined>;
  /** Tokens and cookie values of a reply join the secrets that are never printed. */
  remember(exchange: Exchange, facts: SpecFacts): void;
  redact(text: string): string;
  /** Whether the run's own valid-login case passed: then a session login that fails is a failure. */
  loginHeld(): boolean;
}

const named = (...names: string[]) => CHECKS.filter((check) => names.includes(check.name));
/** What every reply of a refresh or logout is judged by. */
const REPLY_CHECKS = named(
  "not-a-server-error",
  "status-code",
  "content-type",
  "response-schema",
  "response-headers",
  "response-time",
);
/** A refresh's success: a new token, judged as the login's is. */
const ISSUING_CHECKS = named(
  "not-a-server-error",
  "status-code",
  "content-type",
  "response-schema",
  "response-headers",
  "set-cookie",
  "token-not-in-body",
  "jwt",
  "jwt-freshness",
  "response-time",
);
const LOGOUT_CHECKS = named(
  "not-a-server-error",
  "status-code",
  "content-type",
  "response-schema",
  "response-headers",
  "token-not-in-body",
  "response-time",
);

type Chain<T> =
  | { readonly state: "ready"; readonly value: T }
  | { readonly state: "blocked"; readonly reason: string };

interface LoggedIn {
  /** The access token, wherever the login puts it (for a cookie API, the cookie's value). */
  readonly token: string;
  readonly refresh: string | undefined;
  /** The token cookie as the login's reply set it (a cookie API). */
  readonly cookie: ParsedCookie | undefined;
}

/** Thrown to end a case before its own reply is judged; its verdict says why. */
class NotRun {
  readonly verdict: SessionVerdict & { kind: "not-run" };
  constructor(verdict: SessionVerdict & { kind: "not-run" }) {
    this.verdict = verdict;
  }
}

export interface SessionRunner {
  run(contractCase: ContractCase): Promise<SessionVerdict>;
}

export function createSessionRunner(context: SessionContext): SessionRunner {
  const { api, options, loginFacts } = context;
  const skipped = (check: SessionCheck) => options.skipChecks.includes(check.name);
  const outcome = (check: SessionCheck, violations: readonly string[] | null): CheckOutcome =>
    skipped(check)
      ? { name: check.name, verdict: "skipped", violations: [] }
      : violations === null
        ? { name: check.name, verdict: "not-applicable", violations: [] }
        : {
            name: check.name,
            verdict: violations.length ? "failed" : "passed",
            violations: violations.map(context.redact),
          };

  /** Operations found not served (an inferred one, not required): why, for their later cases. */
  const unserved = new Map<SessionKind, string>();
  let issued: Chain<{ retired: string; newest: string | undefined }> | undefined;
  let reused: Chain<{ newest: string | undefined; retired: string }> | undefined;
  let loggedOut: Chain<{ refresh: string | undefined }> | undefined;

  const loginSuccess = loginFacts.examples.find((example) => example.name === api.outcomes.success);
  const validLoginId = loginSuccess
    ? `${loginSuccess.status} ${loginSuccess.name} ← valid-login`
    : "valid-login";

  /** The login a story starts with went wrong: unreachable, unless the login case passed. */
  function setupFailed(reason: string): NotRun {
    const held = context.loginHeld();
    const text = `${reason} (${held ? `yet the case ${validLoginId} passed` : `the case ${validLoginId} says why`})`;
    return new NotRun(
      held
        ? {
            kind: "not-run",
            outcome: "failed",
            reason: context.redact(text),
            checks: [outcome(SESSION_STEPS, [text])],
          }
        : { kind: "not-run", outcome: "unreachable", reason: context.redact(text), checks: [] },
    );
  }

  const blocked = (reason: string) =>
    new NotRun({ kind: "not-run", outcome: "unreachable", reason, checks: [] });

  async function logIn(): Promise<LoggedIn> {
    const request = buildProvocation(api, "valid-login", accountsFrom(options));
    if (isUnreachable(request))
      throw new NotRun({
        kind: "not-run",
        outcome: request.needsAccount ? "skipped" : "unreachable",
        reason: request.unreachable,
        checks: [],
      });
    const exchange = await context.send(request);
    context.remember(exchange, loginFacts);
    const { status, json } = exchange.response;
    if (loginSuccess && status !== loginSuccess.status)
      throw setupFailed(
        `the login it starts with answered ${status}, not ${loginSuccess.status} (${loginSuccess.name})`,
      );
    const token = issuedToken({ exchange, facts: loginFacts });
    if (!token) throw setupFailed(`the login it starts with issued no token (${whereToken(api)})`);
    const placement = api.token.placement;
    const cookie =
      placement.in === "cookie"
        ? exchange.response.setCookies
            .map(parseSetCookie)
            .find((parsed) => parsed?.name === placement.cookie.name)
        : undefined;
    const pointer = api.token.refresh;
    const refresh =
      pointer === undefined || json === undefined ? undefined : readPointer(json, pointer);
    return {
      token,
      refresh: typeof refresh === "string" && refresh !== "" ? refresh : undefined,
      cookie,
    };
  }

  /** Sends to a refresh or logout; an inferred one the target does not serve ends the case. */
  async function sendTo(
    kind: SessionKind,
    fields: Record<string, unknown> | undefined,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<{ exchange: Exchange; served: CheckOutcome }> {
    const operation = operationOf(kind);
    const facts = factsOf(kind);
    const exchange = await context.send({
      ...encode(operation, fields),
      headers,
      operation: {
        path: operation.path,
        method: operation.method,
        accept: acceptOf(facts),
      },
    });
    context.remember(exchange, facts);
    const missing = notServed(facts, exchange);
    if (missing && operation.inferred !== undefined && !options.requireSessionOperations) {
      const reason = `${missing}: inferred operation not served by the target; pass --require-session-operations to require it`;
      unserved.set(kind, reason);
      throw blocked(reason);
    }
    const because =
      operation.inferred !== undefined ? " (--require-session-operations requires it)" : "";
    return {
      exchange,
      served: outcome(SESSION_OPERATION, missing ? [`${missing}${because}`] : []),
    };
  }

  function operationOf(kind: SessionKind): SessionOperation {
    const operation = api[kind];
    if (!operation) throw new Error(`[login-mock] the spec names no ${kind} operation`);
    return operation;
  }

  function factsOf(kind: SessionKind): SpecFacts {
    const facts = context.facts[kind];
    if (!facts) throw new Error(`[login-mock] the spec names no ${kind} operation`);
    return facts;
  }

  async function judged(
    kind: SessionKind,
    exchange: Exchange,
    expected: ResponseExample,
    checks: readonly Check[],
    extra: readonly CheckOutcome[],
  ): Promise<SessionVerdict> {
    const facts = factsOf(kind);
    const outcomes = [...context.judge(facts, exchange, expected, checks), ...extra];
    // A refresh's new token verifies against the key set, as the login's does.
    if (checks === ISSUING_CHECKS && exchange.response.status === expected.status) {
      const signature = await context.signature(facts, exchange);
      if (signature) outcomes.push(signature);
    }
    return { kind: "judged", facts, exchange, checks: outcomes };
  }

  async function step(contractCase: ContractCase, step: SessionStep): Promise<SessionVerdict> {
    const expected = contractCase.example;
    const refresh = api.refresh;
    // The refresh token's field, for the steps that call the refresh.
    const field = refresh?.field ?? "";
    switch (step) {
      case "unknown-refresh-token":
      case "omit-field":
      case "empty-field": {
        const fields =
          step === "omit-field"
            ? {}
            : { [field]: step === "empty-field" ? "" : UNKNOWN_REFRESH_TOKEN };
        const { exchange, served } = await sendTo("refresh", fields);
        return judged("refresh", exchange, expected, REPLY_CHECKS, [served]);
      }
      case "issued-refresh-token": {
        issued = { state: "blocked", reason: `the case ${contractCase.id} got no complete reply` };
        const login = await logIn();
        if (!login.refresh)
          throw setupFailed(
            `the login it starts with gave no refresh token at ${api.token.refresh ?? "(no pointer)"}`,
          );
        const { exchange, served } = await sendTo("refresh", {
          [field]: login.refresh,
        });
        const { status, json } = exchange.response;
        const pointer = refresh?.token.refresh;
        const newest =
          pointer === undefined || json === undefined ? undefined : readPointer(json, pointer);
        issued =
          status >= 200 && status < 300
            ? {
                state: "ready",
                value: {
                  retired: login.refresh,
                  newest: typeof newest === "string" && newest !== "" ? newest : undefined,
                },
              }
            : {
                state: "blocked",
                reason: `the refresh it follows answered ${status}, not ${expected.status} (the case ${contractCase.id})`,
              };
        const rotation = outcome(
          REFRESH_ROTATION,
          refresh?.rotate && pointer !== undefined && status === expected.status
            ? rotationViolations(json, pointer, login.refresh)
            : null,
        );
        return judged("refresh", exchange, expected, ISSUING_CHECKS, [served, rotation]);
      }
      case "reused-refresh-token": {
        const chain = need(issued, "the refresh that retires a token");
        reused = { state: "blocked", reason: `the case ${contractCase.id} got no complete reply` };
        const { exchange, served } = await sendTo("refresh", {
          [field]: chain.retired,
        });
        reused = { state: "ready", value: chain };
        const revoked = outcome(
          TOKEN_REVOKED,
          revokedViolations(exchange.response.status, "a rotated refresh token sent again"),
        );
        return judged("refresh", exchange, expected, REPLY_CHECKS, [served, revoked]);
      }
      case "newest-refresh-token-after-reuse": {
        const chain = need(reused, "the reuse of a retired refresh token");
        if (chain.newest === undefined || chain.newest === chain.retired)
          throw blocked(
            "the refresh before the reuse gave no new refresh token, so its family has no newest one to try (refresh-rotation says so)",
          );
        const { exchange, served } = await sendTo("refresh", {
          [field]: chain.newest,
        });
        const revoked = outcome(
          TOKEN_REVOKED,
          revokedViolations(
            exchange.response.status,
            "the newest refresh token of a family whose retired token was reused",
          ),
        );
        return judged("refresh", exchange, expected, REPLY_CHECKS, [served, revoked]);
      }
      case "login-credentials": {
        loggedOut = {
          state: "blocked",
          reason: `the case ${contractCase.id} got no complete reply`,
        };
        const login = await logIn();
        const logout = api.logout;
        if (!logout) throw new Error("[login-mock] the spec names no logout operation");
        const placement = api.token.placement;
        const headers =
          placement.in === "cookie"
            ? { cookie: `${placement.cookie.name}=${login.token}` }
            : { authorization: `Bearer ${login.token}` };
        const fields =
          logout.field !== undefined && login.refresh !== undefined
            ? { [logout.field]: login.refresh }
            : {};
        const { exchange, served } = await sendTo("logout", fields, headers);
        const { status } = exchange.response;
        loggedOut =
          status >= 200 && status < 300
            ? { state: "ready", value: { refresh: login.refresh } }
            : {
                state: "blocked",
                reason: `the logout it follows answered ${status}, not ${expected.status} (the case ${contractCase.id})`,
              };
        const cleared = outcome(
          LOGOUT_COOKIE,
          placement.in === "cookie" && status === expected.status
            ? logoutCookieViolations(exchange.response, placement.cookie, login.cookie, Date.now())
            : null,
        );
        return judged("logout", exchange, expected, LOGOUT_CHECKS, [served, cleared]);
      }
      case "no-credentials": {
        const { exchange, served } = await sendTo("logout", {});
        return judged("logout", exchange, expected, LOGOUT_CHECKS, [served]);
      }
      case "refresh-token-after-logout": {
        const chain = need(loggedOut, "the logout");
        if (chain.refresh === undefined)
          throw blocked("the login that was logged out gave no refresh token to try");
        const { exchange, served } = await sendTo("refresh", {
          [field]: chain.refresh,
        });
        const revoked = outcome(
          TOKEN_REVOKED,
          revokedViolations(exchange.response.status, "the refresh token of a logged-out login"),
        );
        return judged("refresh", exchange, expected, REPLY_CHECKS, [served, revoked]);
      }
      case "prefer": {
        const kind = contractCase.session?.kind ?? "refresh";
        const tokenField = kind === "refresh" ? refresh?.field : api.logout?.field;
        const { exchange, served } = await sendTo(
          kind,
          tokenField === undefined ? {} : { [tokenField]: UNKNOWN_REFRESH_TOKEN },
          { prefer: `code=${expected.status}, example=${expected.name}` },
        );
        return judged(kind, exchange, expected, REPLY_CHECKS, [served]);
      }
    }
  }

  /** The state an earlier case left, or why this one cannot go on from it. */
  function need<T>(chain: Chain<T> | undefined, what: string): T {
    if (!chain) throw blocked(`${what} before it was not run`);
    if (chain.state === "blocked") throw blocked(chain.reason);
    return chain.value;
  }

  return {
    async run(contractCase) {
      const session = contractCase.session;
      if (!session) throw new Error(`[login-mock] ${contractCase.id} is not a session case`);
      const dependsOn: SessionKind[] =
        session.step === "refresh-token-after-logout" ? ["logout", "refresh"] : [session.kind];
      for (const kind of dependsOn) {
        const reason = unserved.get(kind);
        if (reason) return { kind: "not-run", outcome: "unreachable", reason, checks: [] };
      }
      try {
        return await step(contractCase, session.step);
      } catch (error) {
        if (!(error instanceof NotRun)) throw error;
        // The cases that go on from this one point at it: its line says why.
        const reason = {
          state: "blocked",
          reason: `the case it follows (${contractCase.id}) was not judged`,
        } as const;
        if (session.step === "issued-refresh-token") issued = reason;
        else if (session.step === "reused-refresh-token") reused = reason;
        else if (session.step === "login-credentials") loggedOut = reason;
        return error.verdict;
      }
    },
  };
}

/**
 * A 404 or 405 the operation does not document (or whose body is not the documented one): the
 * target does not serve it. Undefined when it does.
 */
function notServed(facts: SpecFacts, exchange: Exchange): string | undefined {
  const { status, json } = exchange.response;
  if (status !== 404 && status !== 405) return undefined;
  const documented = facts.statuses.get(status);
  const served =
    documented !== undefined &&
    (documented.mediaTypes.length === 0 ||
      (json !== undefined && facts.validateBody(status, json).valid));
  return served ? undefined : `${facts.method} ${facts.operationPath} answered ${status}`;
}

/** The `Accept` of an operation's requests: every media type its responses document. */
function acceptOf(facts: SpecFacts): string {
  const types = new Set([...facts.statuses.values()].flatMap((status) => status.mediaTypes));
  return types.size ? [...types].join(", ") : JSON_MEDIA_TYPE;
}

/**
 * A refresh's or logout's fields, encoded as its spec documents its body (JSON, or a form);
 * nothing at all for an operation that documents no body.
 */
function encode(
  operation: SessionOperation,
  fields: Record<string, unknown> | undefined,
): { contentType?: string; body: string } {
  const first = operation.request.mediaTypes[0];
  if (first === undefined || fields === undefined) return { body: "" };
  if (mediaTypeEssence(first) === FORM_MEDIA_TYPE) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
    return { contentType: FORM_MEDIA_TYPE, body: form.toString() };
  }
  return {
    contentType: isJsonContentType(first) ? first : JSON_MEDIA_TYPE,
    body: JSON.stringify(fields),
  };
}

function whereToken(api: LoginApi): string {
  const placement = api.token.placement;
  if (placement.in === "cookie") return `the cookie \`${placement.cookie.name}\``;
  if (placement.in === "header") return `the header ${placement.header}`;
  return `at ${placement.pointer}`;
}
