/**
 * The runtime-free mock: (API, request data, store, clock, scenario) → reply, for any login API
 * its spec describes (`apis`, the built-in presets by default). MSW handlers and the HTTP server
 * are thin adapters over `handle`, so every runtime answers identically.
 * Store, clock, scenarios and request journal belong to a session: the default one, or the one
 * a request names with `X-Mock-Session` (or the `mock-session` cookie), so parallel tests can
 * share one mock without seeing each other (session.ts, session-table.ts).
 *
 * @example
 * // readLoginSpec: login-mock/node; "my-login" is the `x-login-mock.id` of that spec.
 * const mock = createLoginMock({ apis: [await readLoginSpec("./my-login.yaml")], seed: 7 });
 * const reply = await mock.handle("my-login", {
 *   contentType: "application/json",
 *   bodyText: JSON.stringify({ email: "user@example.com", password: "securePassword123" }),
 *   prefer: null,
 *   scenario: null,
 * });
 */

import type { Variant } from "../../openapi/documents.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import { builtInApis } from "../../presets/index.ts";
import {
  type AccountOutcome,
  type AccountOutcomeInput,
  checkAccountOutcomes,
} from "../store/account-outcomes.ts";
import { createUserStore, type UserStore } from "../store/user-store.ts";
import type { ScenarioName, StartScenarios } from "./catalogue/scenario-catalogue.ts";
import type { ChallengeMode } from "./pipeline/challenge.ts";
import { handleLogin } from "./pipeline/handle-login.ts";
import {
  handleSessionOperation,
  type SessionOperationKind,
  type SessionPipeline,
} from "./pipeline/handle-session-operation.ts";
import type { MockReply } from "./pipeline/mock-reply.ts";
import type { LoginInput } from "./pipeline/request-data.ts";
import { type Clock, systemClock } from "./sessions/clock.ts";
import {
  createSession,
  type LiveSession,
  type MockSession,
  type PendingScenario,
  type ScenarioOptions,
} from "./sessions/session.ts";
import {
  type ClockRange,
  clockRange,
  readInstant,
  SessionClock,
} from "./sessions/session-clock.ts";
import { DEFAULT_SESSION, sessionIdOf } from "./sessions/session-id.ts";
import {
  createSessionTable,
  type SessionLimits,
  type SessionLookup,
} from "./sessions/session-table.ts";
import { describeCredentials, type SentCredentials, type WhoAmI } from "./sessions/whoami.ts";
import {
  createDefaultSigner,
  DEFAULT_JWT_SECRET,
  type TokenSigner,
  verifySignature,
} from "./tokens/jwt.ts";
import {
  createKeySet,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  type KeyRotation,
  type KeySet,
  type PublicJwk,
  type SigningKeySource,
} from "./tokens/key-set.ts";
import { longestTokenLifetimeSeconds } from "./tokens/token-lifetime.ts";

export interface LoginMockOptions {
  /**
   * The login APIs the mock serves, each read from its spec (`readLoginSpec`,
   * `loginApiFromDocument`, or a preset). Default: the built-in presets.
   */
  readonly apis?: readonly LoginApi[];
  /** Seed of the user store; the same seed gives the same users. Default 1. */
  readonly seed?: number;
  /** The mock's own ("real") time; every session's clock is this plus its offset. */
  readonly clock?: Clock;
  /**
   * Every session's clock starts at this instant (ISO 8601 with a zone, or ms since the epoch)
   * when it is created or reset, then runs forward. `login-mock serve --clock ISO`.
   */
  readonly clockStart?: string | number;
  /** Signs and judges the HS256 JWTs (whoami). Default `login-mock-demo-secret`. */
  readonly jwtSecret?: string;
  /**
   * How tokens are signed: HS256 with `jwtSecret` (the default), or RS256/ES256 with keys
   * generated when the mock is made, each token naming its key by `kid`. The public keys are
   * `mock.jwks()` (`/.well-known/jwks.json` on every port); `mock.rotateKeys()` rotates them.
   * `serve --alg`.
   */
  readonly alg?: JwtAlgorithm;
  /**
   * RS256/ES256: the first signing key, instead of a generated one: a private JWK or a PKCS#8
   * PEM of the algorithm's type, so tokens verify across restarts (`serve --key FILE`). A key
   * that does not fit makes `jwks()` and every login's signature reject with the reason.
   */
  readonly signingKey?: SigningKeySource;
  /**
   * Signs the JWTs; default HS256 with `jwtSecret`, through node:crypto where the runtime has
   * it, else WebCrypto. It must sign with `jwtSecret`, which whoami judges tokens by.
   */
  readonly tokenSigner?: TokenSigner;
  /**
   * Token lifetime in seconds for every API, instead of each spec's documented one: a whole
   * number from 1 to 10 years. Session clocks stop that long before year 10000.
   */
  readonly tokenTtlSeconds?: number;
  /** How a spec's challenge field (a CAPTCHA token) is judged. Default: accept any valid value. */
  readonly challenge?: ChallengeMode;
  /** @deprecated The former name of `challenge`. */
  readonly recaptcha?: ChallengeMode;
  /** Added to every reply unless a request's `Prefer: delay=` says otherwise. */
  readonly delayMs?: number;
  /**
   * Turns on a lockout a spec declares but marks `optIn` (the presets' inferred one: 5 wrong
   * passwords lock an account for 15 minutes of the session's clock). `serve --lockout`.
   */
  readonly lockout?: boolean;
  /**
   * Scenarios every session (the default one included) starts with, per API id: names from
   * the specs' examples or the faults, e.g. `{ "my-login": "account-locked" }`.
   */
  readonly scenarios?: StartScenarios;
  /** Bounds on the sessions kept besides the default one (64, idle 30 minutes). */
  readonly sessions?: SessionLimits;
  /**
   * Accounts with outcomes of their own, in every session's store besides the seeded ones
   * (`serve --accounts`): `{ identity, secret, answer?, delayMs?, api? }`; an existing
   * identity without `secret` keeps its own. At most MAX_EXTRA_ACCOUNTS; throws an
   * AccountOutcomeError naming the account and field at fault.
   *
   * @example
   * createLoginMock({ accounts: [{ identity: "new@example.com", secret: "pw", answer: "account-not-verified" }] });
   */
  readonly accounts?: readonly AccountOutcomeInput[];
}

export interface LoginMock {
  /** The APIs the mock serves, in order. */
  readonly apis: readonly LoginApi[];
  /** The API with this id; throws, listing the ids, when the mock serves none. */
  api(id: string): LoginApi;
  /**
   * Answers one login of the API `variant` names, in the session the input names (`session`, else the
   * `mock-session` cookie, else the default one). `override` is a scenario forced by a handler
   * override.
   */
  handle(variant: Variant, input: LoginInput, override?: string | null): Promise<MockReply>;
  /**
   * Answers one refresh or logout of the API `variant` names: the operations its spec's login
   * block names (`refresh`, `logout`), in the session the input names. A 404 problem reply when
   * the spec names no such operation.
   */
  handleOperation(
    variant: Variant,
    kind: SessionOperationKind,
    input: LoginInput,
  ): Promise<MockReply>;
  /**
   * Sets (or with null, clears) the scenario every login of `variant` gets (default session).
   * `{ times: n }`: only the next n logins get it (1 to MAX_SCENARIO_TIMES), then the session
   * answers as before; see `MockSession.setScenario`.
   *
   * @example mock.setScenario("my-login", "server-error", { times: 2 }); // 2 failures, then normal
   */
  setScenario<V extends Variant>(
    variant: V,
    name: ScenarioName<V> | null,
    options?: ScenarioOptions,
  ): void;
  /** The sticky scenario of `variant` (default session); a counted one is in `pending`. */
  scenario<V extends Variant>(variant: V): ScenarioName<V> | null;
  /** The counted scenario still queued for `variant` (default session), or null. */
  pending<V extends Variant>(variant: V): PendingScenario<ScenarioName<V>> | null;
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
   * mock.session("checkout-test").setScenario("my-login", "account-locked");
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
  /** The algorithm the mock signs tokens with (`alg` option). */
  readonly alg: JwtAlgorithm;
  /** The public keys of an RS256/ES256 mock, oldest first; none for HS256 (its key is secret). */
  jwks(): Promise<{ keys: PublicJwk[] }>;
  /**
   * RS256/ES256: a fresh key becomes current; the previous ones still verify, the last
   * MAX_KEYS_KEPT kept. Mock-wide, not per session; a reset keeps the keys. Throws for HS256.
   */
  rotateKeys(): Promise<KeyRotation>;
}

export function createLoginMock(options: LoginMockOptions = {}): LoginMock {
  const seed = options.seed ?? 1;
  const apis = options.apis ?? builtInApis();
  const byId = new Map<string, LoginApi>();
  for (const api of apis) {
    if (byId.has(api.id))
      throw new Error(
        `[login-mock] Two APIs have the id "${api.id}" (${byId.get(api.id)?.source}, ${api.source}). Give one of them another \`x-login-mock.id\`.`,
      );
    byId.set(api.id, api);
  }
  const baseClock = options.clock ?? systemClock;
  // Every session's clock leaves room for the longest token any login issues.
  const range = clockRange(longestTokenLifetimeSeconds(apis, options.tokenTtlSeconds));
  const clockStartMs = clockStartOf(options.clockStart, range);
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const alg = options.alg ?? "HS256";
  if (!JWT_ALGORITHMS.includes(alg))
    throw new Error(
      `[login-mock] alg ${JSON.stringify(alg)} is not one the mock signs with: ${JWT_ALGORITHMS.join(", ")}.`,
    );
  if (options.signingKey !== undefined && alg === "HS256")
    throw new Error(
      '[login-mock] signingKey is a private key for RS256 or ES256; HS256 signs with jwtSecret. Pass alg: "RS256" or "ES256" with it.',
    );
  const keySet: KeySet | undefined =
    alg === "HS256" ? undefined : createKeySet(alg, options.signingKey);
  if (keySet && options.tokenSigner)
    throw new Error(
      `[login-mock] tokenSigner signs HS256 tokens with jwtSecret; alg ${alg} signs with the mock's own keys. Pass one of them.`,
    );
  const shared = {
    signToken: keySet?.signer ?? options.tokenSigner ?? signerOnFirstToken(jwtSecret),
    tokenTtlSeconds: options.tokenTtlSeconds,
    challenge: options.challenge ?? options.recaptcha ?? { mode: "accept" },
    lockoutOptIn: options.lockout === true,
  } as const;
  const startScenarios = startScenariosOf(options.scenarios, byId);
  const accounts = accountsOf(options.accounts, apis, byId, seed);
  // Every session has its own store from the same seed, seeded on its first use (a mock made at
  // import costs no seed), and its own clock.
  // Each session object made counts: a session dropped and made again under the same id never
  // gives out a `sid` an old token carries (token-families.ts), and two mocks made alike count
  // alike, so the same requests still give the same tokens.
  let sessionsMade = 0;
  const newSession = (id: string, nowMs: number) =>
    createSession(
      id,
      {
        store: createUserStore(apis, seed, accounts),
        clock: new SessionClock(baseClock, clockStartMs, range),
        context: shared,
        startScenarios,
        apis: byId,
        incarnation: sessionsMade++,
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

  function apiOf(id: string): LoginApi {
    const api = byId.get(id);
    if (!api)
      throw new Error(
        `[login-mock] This mock serves no API "${id}". It serves: ${[...byId.keys()].join(", ")}.`,
      );
    return api;
  }

  const pipeline: SessionPipeline = {
    apis,
    defaultSession,
    openNamed: (id) => table.open(id),
    baseClock,
    delayMs: options.delayMs ?? 0,
    async verify(token) {
      try {
        return (await verifySignature(token, keySet ?? jwtSecret)).payload;
      } catch {
        return undefined;
      }
    },
  };

  return {
    apis,
    api: apiOf,
    get store() {
      return defaultSession.store;
    },
    setScenario: (variant, name, options) => defaultSession.setScenario(variant, name, options),
    scenario: (variant) => defaultSession.scenario(variant),
    pending: (variant) => defaultSession.pending(variant),
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
        ...(keySet ? { keys: keySet } : {}),
        store: session.store,
        apis,
        // Every session this mock hands out is a live one (createSession).
        revoked: (sid) => (session as LiveSession).context.families.isRevoked(sid),
      });
    },
    alg,
    jwks: async () => (keySet ? keySet.jwks() : { keys: [] }),
    async rotateKeys() {
      if (!keySet)
        throw new Error(
          "[login-mock] HS256 tokens are signed with a shared secret, which has no keys to rotate. Create the mock with alg RS256 or ES256.",
        );
      return keySet.rotate();
    },
    async handle(variant, input, override = null) {
      return handleLogin(pipeline, apiOf(variant), input, override);
    },
    async handleOperation(variant, kind, input) {
      return handleSessionOperation(pipeline, apiOf(variant), kind, input);
    },
  };
}

/**
 * `scenarios` as a map of the APIs' own ids: an id is data (a spec's `x-login-mock.id` or its
 * title's slug, `constructor` included), never looked up on a plain object. An id the mock does
 * not serve is a typo to report, not a setting to ignore; each name is checked as a session
 * starts with it.
 */
function startScenariosOf(
  scenarios: StartScenarios | undefined,
  apis: ReadonlyMap<string, LoginApi>,
): ReadonlyMap<string, string> {
  const start = new Map<string, string>();
  if (scenarios === undefined) return start;
  for (const [id, name] of Object.entries(scenarios)) {
    if (!apis.has(id))
      throw new Error(
        `[login-mock] scenarios names an API "${id}" this mock does not serve. It serves: ${[...apis.keys()].join(", ")}.`,
      );
    if (name !== undefined) start.set(id, name);
  }
  return start;
}

/** `accounts`, checked against the seeded store (a throwaway one: sessions seed their own). */
function accountsOf(
  accounts: readonly AccountOutcomeInput[] | undefined,
  apis: readonly LoginApi[],
  byId: ReadonlyMap<string, LoginApi>,
  seed: number,
): readonly AccountOutcome[] {
  if (accounts === undefined || accounts.length === 0) return [];
  const probe = createUserStore(apis, seed);
  return checkAccountOutcomes(accounts, byId, probe.find);
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
