/**
 * The runtime-free mock: (variant, request data, store, clock, scenario) → reply. MSW handlers
 * and the HTTP server are thin adapters over `handle`, so every runtime answers identically.
 * Store, clock, scenarios and request journal belong to a session: the default one, or the one
 * a request names with `X-Mock-Session` (or the `mock-session` cookie), so parallel tests can
 * share one mock without seeing each other (session.ts, session-table.ts).
 *
 * @example
 * const mock = createLoginMock({ seed: 7 });
 * const reply = await mock.handle("seamless", {
 *   contentType: "application/json",
 *   bodyText: JSON.stringify({ email: "user@example.com", password: "securePassword123", recaptchaVal: "x" }),
 *   prefer: null,
 *   scenario: null,
 * });
 */

import type { Variant } from "../../openapi/documents.ts";
import { createUserStore, type UserStore } from "../store/user-store.ts";
import { exampleReply, type VariantBehaviour } from "./behaviour.ts";
import { BEHAVIOURS } from "./behaviours.ts";
import { type Clock, systemClock } from "./clock.ts";
import { SLOW_RESPONSE_MS } from "./faults.ts";
import { createDefaultSigner, DEFAULT_JWT_SECRET, type TokenSigner } from "./jwt.ts";
import { checkLoginRequest, type LoginRequestCheck } from "./login-request.ts";
import {
  FAULT_HEADER,
  type MockReply,
  namedAs,
  SCENARIO_HEADER,
  withDelay,
  withHeaders,
} from "./mock-reply.ts";
import { parsePreferHeader } from "./prefer-header.ts";
import type { RecaptchaMode } from "./recaptcha.ts";
import {
  type LoginFields,
  type LoginInput,
  nonEmptyString,
  readLoginFields,
} from "./request-data.ts";
import { optionalFieldsSent } from "./request-journal.ts";
import type { Scenario, ScenarioName, StartScenarios } from "./scenario-catalogue.ts";
import { selectScenario } from "./select-scenario.ts";
import { createSession, type LiveSession, type MockSession } from "./session.ts";
import { type ClockRange, clockRange, readInstant, SessionClock } from "./session-clock.ts";
import { DEFAULT_SESSION, sessionIdOf } from "./session-id.ts";
import { createSessionTable, type SessionLimits, type SessionLookup } from "./session-table.ts";
import { longestTokenLifetimeSeconds } from "./token-lifetime.ts";
import { describeCredentials, type SentCredentials, type WhoAmI } from "./whoami.ts";

export interface LoginMockOptions {
  /** Seed of the user store; the same seed gives the same users. Default 1. */
  readonly seed?: number;
  /** The mock's own ("real") time; every session's clock is this plus its offset. */
  readonly clock?: Clock;
  /**
   * Every session's clock starts at this instant (ISO 8601 with a zone, or ms since the epoch)
   * when it is created or reset, then runs forward. `login-mock serve --clock ISO`.
   */
  readonly clockStart?: string | number;
  /** Signs and judges the JWTs (whoami). Default `login-mock-demo-secret`. */
  readonly jwtSecret?: string;
  /**
   * Signs the JWTs; default HS256 with `jwtSecret`, through node:crypto where the runtime has
   * it, else WebCrypto. It must sign with `jwtSecret`, which whoami judges tokens by.
   */
  readonly tokenSigner?: TokenSigner;
  /**
   * Token lifetime in seconds for both variants, instead of the documented 2 h / 24 h: a whole
   * number from 1 to 10 years. Session clocks stop that long before year 10000.
   */
  readonly tokenTtlSeconds?: number;
  /** How Seamless judges `recaptchaVal`. Default: accept any non-empty value. */
  readonly recaptcha?: RecaptchaMode;
  /** Added to every reply unless a request's `Prefer: delay=` says otherwise. */
  readonly delayMs?: number;
  /**
   * Scenarios every session (the default one included) starts with, per variant: names from
   * the specs' examples or the faults, e.g. `{ seamless: "recaptcha-failed" }`.
   */
  readonly scenarios?: StartScenarios;
  /** Bounds on the sessions kept besides the default one (64, idle 30 minutes). */
  readonly sessions?: SessionLimits;
}

export interface LoginMock {
  /**
   * Answers one `POST /auth/login`, in the session the input names (`session`, else the
   * `mock-session` cookie, else the default one). `override` is a scenario forced by a handler
   * override.
   */
  handle(variant: Variant, input: LoginInput, override?: string | null): Promise<MockReply>;
  /** Sets (or with null, clears) the scenario every request of `variant` gets (default session). */
  setScenario<V extends Variant>(variant: V, name: ScenarioName<V> | null): void;
  scenario<V extends Variant>(variant: V): ScenarioName<V> | null;
  /** Restores the default session (seeded store, scenarios, clock, journal) and drops all others. */
  reset(): void;
  /** The default session's store. */
  readonly store: UserStore;
  /**
   * A session by id, created on first use; `default` (or no id) is the default session. A
   * session named here is kept: only idling out or a reset drops it, never a table full of
   * anonymous ones (see session-table.ts).
   * Throws on an id that breaks the rule or when the mock keeps too many sessions.
   *
   * @example
   * mock.session("checkout-test").setScenario("seamless", "recaptcha-failed");
   */
  session(id?: string | null): MockSession;
  /**
   * Like `session`, for adapters: the 400 or 503 problem reply instead of a throw. `keep`:
   * the caller set the session up on purpose (the control API changing it), so it is kept
   * like one `session` names; without it, a new session is anonymous, as a login's is.
   */
  openSession(id: string | null, keep?: boolean): SessionLookup<MockSession>;
  /** The default session first, then every live one. */
  sessions(): readonly MockSession[];
  /** Live sessions besides the default one. */
  sessionCount(): number;
  readonly sessionLimits: { readonly limit: number; readonly idleMs: number };
  /** What the credentials a client sent say, judged on `session`'s clock. Never the token. */
  whoami(session: MockSession, sent: SentCredentials): Promise<WhoAmI>;
}

export function createLoginMock(options: LoginMockOptions = {}): LoginMock {
  const seed = options.seed ?? 1;
  const baseClock = options.clock ?? systemClock;
  // Every session's clock leaves room for the longest token any login issues.
  const range = clockRange(longestTokenLifetimeSeconds(options.tokenTtlSeconds));
  const clockStartMs = clockStartOf(options.clockStart, range);
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const shared = {
    signToken: options.tokenSigner ?? signerOnFirstToken(jwtSecret),
    tokenTtlSeconds: options.tokenTtlSeconds,
    recaptcha: options.recaptcha ?? { mode: "accept" },
  } as const;
  const startScenarios = options.scenarios ?? {};
  // Every session has its own store from the same seed, seeded on its first use (a mock made at
  // import costs no seed), and its own clock.
  const newSession = (id: string, nowMs: number) =>
    createSession(
      id,
      {
        store: createUserStore(seed),
        clock: new SessionClock(baseClock, clockStartMs, range),
        context: shared,
        startScenarios,
      },
      nowMs,
    );
  const defaultSession = newSession(DEFAULT_SESSION, baseClock.now());
  const table = createSessionTable(defaultSession, newSession, baseClock, options.sessions);

  function openSession(id: string | null, keep = false): SessionLookup {
    if (id === null) return { ok: true, session: defaultSession };
    const named = sessionIdOf(id, null);
    return named.ok ? table.open(id, keep) : named;
  }

  async function answerWith(
    session: LiveSession,
    variant: Variant,
    example: string,
    fields: LoginFields,
  ) {
    const behaviour = BEHAVIOURS[variant];
    // Example replies carry their scenario header already (rendered once, behaviour.ts).
    if (example !== behaviour.successExample) return exampleReply(variant, example);
    const reply = await behaviour.succeed(nonEmptyString(fields, "email"), session.context);
    return withHeaders(reply, [[SCENARIO_HEADER, example]]);
  }

  function decide(session: LiveSession, variant: Variant, check: LoginRequestCheck<Variant>) {
    // Each behaviour reads its own variant's check; `variant` ties the two together.
    const behaviour = BEHAVIOURS[variant] as VariantBehaviour;
    return behaviour.decide(check, session.context).example;
  }

  async function render(
    session: LiveSession,
    variant: Variant,
    scenario: Scenario,
    fields: LoginFields,
    check: LoginRequestCheck<Variant>,
  ) {
    if (scenario.kind === "response") return answerWith(session, variant, scenario.name, fields);
    const byData = () => answerWith(session, variant, decide(session, variant, check), fields);
    switch (scenario.name) {
      case "network-error":
        return { kind: "network-error", delayMs: 0 } as const;
      case "no-response":
        return { kind: "no-response" } as const;
      case "slow-response":
        return withHeaders(namedAs(withDelay(await byData(), SLOW_RESPONSE_MS), scenario.name), [
          [FAULT_HEADER, scenario.name],
        ]);
      case "truncated-json":
        return withHeaders(namedAs(truncate(await byData()), scenario.name), [
          [FAULT_HEADER, scenario.name],
        ]);
    }
    // A fault added to FAULTS without a case above no longer compiles (`never`).
    const unrendered: never = scenario;
    throw new Error(`[login-mock] The fault "${(unrendered as Scenario).name}" has no renderer.`);
  }

  return {
    get store() {
      return defaultSession.store;
    },
    setScenario: (variant, name) => defaultSession.setScenario(variant, name),
    scenario: (variant) => defaultSession.scenario(variant),
    reset() {
      table.clear();
      defaultSession.reset();
    },
    session(id = null) {
      const found = openSession(id, true);
      if (!found.ok) throw new Error(problemDetail(found.reply));
      return found.session;
    },
    openSession,
    sessions: () => table.list(),
    sessionCount: () => table.count(),
    sessionLimits: { limit: table.limit, idleMs: table.idleMs },
    whoami(session, sent) {
      return describeCredentials(sent, {
        session: session.id,
        nowMs: session.clock.now(),
        secret: jwtSecret,
        store: session.store,
      });
    },
    async handle(variant, input, override = null) {
      return answer(variant, input, override);
    },
  };

  async function answer(
    variant: Variant,
    input: LoginInput,
    override: string | null,
  ): Promise<MockReply> {
    // The common case, no session named, costs two null checks: no lookup, no parsing.
    let session = defaultSession;
    if (input.session != null || input.cookie != null) {
      const named = sessionIdOf(input.session ?? null, input.cookie ?? null);
      if (!named.ok) return named.reply;
      if (named.id !== null) {
        const found = table.open(named.id);
        if (!found.ok) return found.reply;
        session = found.session;
      }
    }
    const preference = parsePreferHeader(input.prefer);
    const selection = selectScenario(variant, {
      preference,
      headerScenario: input.scenario,
      override,
      sticky: session.scenario(variant),
    });
    const fields = readLoginFields(input);
    const check = checkLoginRequest(variant, fields);
    let reply: MockReply;
    let served: string | null;
    if (selection.kind === "problem") {
      reply = selection.reply;
      served = null;
    } else if (selection.kind === "data") {
      served = decide(session, variant, check);
      reply = await answerWith(session, variant, served, fields);
    } else {
      served = selection.scenario.name;
      reply = await render(session, variant, selection.scenario, fields, check);
    }
    const seenMs = baseClock.now();
    session.lastSeenMs = seenMs;
    session.requests++;
    session.journal.record({
      timeMs: session.clock.at(seenMs),
      variant,
      status: reply.kind === "response" ? reply.status : null,
      scenario: served,
      faults: check.valid ? null : check.faults,
      optionalSent: optionalFieldsSent(variant, fields),
    });
    if (selection.kind === "problem") return reply;
    return withDelay(reply, preference.delayMs ?? options.delayMs ?? 0);
  }
}

/** The default signer, its key worked out on the first token rather than when the mock is made. */
function signerOnFirstToken(secret: string): TokenSigner {
  let signer: TokenSigner | undefined;
  return (claims, timing) => {
    signer ??= createDefaultSigner(secret);
    return signer(claims, timing);
  };
}

function clockStartOf(start: string | number | undefined, range: ClockRange): number | undefined {
  if (start === undefined) return undefined;
  const reading = typeof start === "number" ? { ms: start } : readInstant(start);
  if (!("ms" in reading) || !Number.isFinite(reading.ms)) {
    const why = "reason" in reading ? `${reading.reason}. ` : "";
    throw new Error(
      `[login-mock] clockStart ${JSON.stringify(start)} is not an instant. ${why}Pass an RFC 3339 date-time, such as "2030-01-01T09:00:00Z", or milliseconds since the epoch, from ${new Date(range.earliestMs).toISOString()} to ${new Date(range.latestMs).toISOString()}.`,
    );
  }
  return reading.ms;
}

function problemDetail(reply: MockReply): string {
  if (reply.kind !== "response") return "[login-mock] The session could not be opened.";
  return (JSON.parse(reply.body) as { detail: string }).detail;
}

function truncate(reply: MockReply): MockReply {
  if (reply.kind !== "response") return reply;
  return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}
