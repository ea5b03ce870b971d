/**
 * One mock session: its own sticky scenarios, clock, store changes and request journal, so
 * parallel e2e tests (or two QA people) can share one server without seeing each other. The
 * default session is the mock as it always was; others start from the same seed.
 */
import type { Variant } from "../../../openapi/documents.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
import {
  type AccountSummary,
  checkAccountOutcomes,
  summarise,
} from "../../store/account-outcomes.ts";
import { identityKey } from "../../store/seed.ts";
import type { UserStore } from "../../store/user-store.ts";
import {
  type ScenarioName,
  scenarioOf,
  unknownScenarioMessage,
} from "../catalogue/scenario-catalogue.ts";
import { LockoutBook } from "../pipeline/lockouts.ts";
import type { BehaviourContext } from "../pipeline/login-behaviour.ts";
import { RequestJournal } from "./request-journal.ts";
import type { SessionClock } from "./session-clock.ts";
import { TokenFamilies } from "./token-families.ts";

/**
 * The most logins one counted scenario (`setScenario(id, name, { times })`, the control API's
 * `"times"`) can cover: a count is a handful of requests, not a second sticky scenario.
 */
export const MAX_SCENARIO_TIMES = 1000;

export interface ScenarioOptions {
  /**
   * Only the next `times` logins of the API in this session get the scenario (a whole number
   * from 1 to MAX_SCENARIO_TIMES); then the session answers as before: its sticky scenario,
   * or the request data. Without it, the scenario is sticky.
   */
  readonly times?: number;
}

/** A counted scenario still queued: `remaining` more logins get `name`. */
export interface PendingScenario<N extends string = string> {
  readonly name: N;
  readonly remaining: number;
}

export interface MockSession {
  /** `default`, or the id the requests name. */
  readonly id: string;
  readonly store: UserStore;
  readonly clock: SessionClock;
  readonly journal: RequestJournal;
  /** The scenario every login of `variant` in this session gets, or null. */
  scenario<V extends Variant>(variant: V): ScenarioName<V> | null;
  /**
   * Sets (or with null, clears) it. Throws on an unknown scenario. With `{ times: n }`, only the
   * next n logins of `variant` get `name` (a counted scenario, see `pending`) and the sticky
   * one is left as it was; without, any counted one is dropped too, so the last call decides.
   * Throws a RangeError when `times` is not a whole number from 1 to MAX_SCENARIO_TIMES.
   */
  setScenario<V extends Variant>(
    variant: V,
    name: ScenarioName<V> | null,
    options?: ScenarioOptions,
  ): void;
  /**
   * The counted scenario still queued for `variant` (it wins over the sticky one, and each
   * login of `variant` in this session takes one), or null. A login whose `Prefer` or
   * `X-Mock-Scenario` header picks its own answer takes none.
   */
  pending<V extends Variant>(variant: V): PendingScenario<ScenarioName<V>> | null;
  /**
   * Adds accounts with outcomes of their own to this session's store, or changes existing
   * ones (`{ identity, secret?, answer?, delayMs?, api? }`, see `AccountOutcomeInput`); other
   * sessions are not affected, and a reset drops them. Throws an AccountOutcomeError naming the
   * account and field at fault, adding none, on a bad one or past MAX_EXTRA_ACCOUNTS.
   * Answers what was added, without secrets.
   */
  addAccounts(accounts: readonly unknown[]): AccountSummary[];
  /** The session's extra accounts (the mock's own and its own), without secrets. */
  accounts(): AccountSummary[];
  /** Back to how the session started: seeded store, starting scenarios and clock, no journal. */
  reset(): void;
  /** When a request last named this session, on the mock's own clock (ms since the epoch). */
  readonly lastSeenMs: number;
  /** Login requests this session has answered. */
  readonly requests: number;
  /**
   * Whether only logins and reads have named the session: a full table drops the least
   * recently used anonymous session to make room. The control API changing it, or code
   * naming it (`mock.session(id)`), keeps it: then only idling out or a reset drops it.
   */
  readonly anonymous: boolean;
}

/** What the mock itself keeps of a session: the context its logins run in. */
export interface LiveSession extends MockSession {
  readonly context: BehaviourContext;
  /**
   * Takes one login of `variant`'s counted scenario: its name, or null when none is queued.
   * Synchronous, so concurrent logins can never both take the last one.
   */
  takePending(variant: string): string | null;
  lastSeenMs: number;
  requests: number;
  anonymous: boolean;
}

export interface SessionParts {
  readonly store: UserStore;
  readonly clock: SessionClock;
  readonly context: Omit<BehaviourContext, "store" | "clock" | "lockouts" | "families">;
  /** The mock's APIs by id. */
  readonly apis: ReadonlyMap<string, LoginApi>;
  /** Scenarios a new or reset session starts with (`serve --scenario`), by API id. */
  readonly startScenarios: ReadonlyMap<string, string>;
  /** How many sessions the mock made before this one: part of its logins' `sid`s. */
  readonly incarnation?: number;
}

export function createSession(id: string, parts: SessionParts, nowMs: number): LiveSession {
  const { store, clock, startScenarios, apis } = parts;
  const sticky = new Map<string, string>();
  // Counted scenarios by API id: at most one per API, each at most MAX_SCENARIO_TIMES logins.
  const counted = new Map<string, { name: string; remaining: number }>();
  const journal = new RequestJournal();
  const lockouts = new LockoutBook();
  const families = new TokenFamilies(`${id}.${(parts.incarnation ?? 0).toString(36)}`);

  function setScenario<V extends Variant>(
    variant: V,
    name: ScenarioName<V> | null,
    options: ScenarioOptions = {},
  ): void {
    const api = apis.get(variant);
    if (!api) {
      throw new Error(
        `[login-mock] This mock serves no API "${variant}". It serves: ${[...apis.keys()].join(", ")}.`,
      );
    }
    const { times } = options;
    if (times !== undefined) {
      if (!isScenarioTimes(times))
        throw new RangeError(`[login-mock] ${scenarioTimesMessage(times)}`);
      if (name === null)
        throw new Error(
          `[login-mock] A counted scenario needs a name: setScenario("${variant}", null) clears, without times.`,
        );
    }
    if (name !== null && !scenarioOf(api, name)) throw new Error(unknownScenarioMessage(api, name));
    if (times !== undefined && name !== null) {
      // A second counted call replaces the first; the sticky scenario stays under it.
      counted.set(variant, { name, remaining: times });
      return;
    }
    counted.delete(variant);
    if (name === null) sticky.delete(variant);
    else sticky.set(variant, name);
  }
  function start(): void {
    sticky.clear();
    counted.clear();
    for (const [id, name] of startScenarios) setScenario(id, name);
  }
  start();

  return {
    id,
    store,
    clock,
    journal,
    context: { ...parts.context, store, clock, lockouts, families },
    lastSeenMs: nowMs,
    requests: 0,
    anonymous: false,
    // setScenario stores only `variant`'s own names under `variant`.
    scenario: <V extends Variant>(variant: V) =>
      (sticky.get(variant) ?? null) as ScenarioName<V> | null,
    setScenario,
    pending<V extends Variant>(variant: V) {
      const queued = counted.get(variant);
      // setScenario stores only `variant`'s own names under `variant`.
      return queued ? { name: queued.name as ScenarioName<V>, remaining: queued.remaining } : null;
    },
    takePending(variant) {
      const queued = counted.get(variant);
      if (!queued) return null;
      queued.remaining -= 1;
      if (queued.remaining <= 0) counted.delete(variant);
      return queued.name;
    },
    addAccounts(accounts) {
      const already = new Set(
        store
          .extraAccounts()
          .map((extra) => `${extra.api.id}\n${identityKey(extra.api, extra.identity)}`),
      );
      const checked = checkAccountOutcomes(accounts, apis, store.find, already);
      store.addAccounts(checked);
      return checked.map(summarise);
    },
    accounts: () => store.extraAccounts().map(summarise),
    reset() {
      store.reset();
      lockouts.clear();
      families.clear();
      start();
      clock.restart();
      journal.clear();
      this.requests = 0;
    },
  };
}

/** Whether `times` is a count `setScenario` takes: a whole number from 1 to MAX_SCENARIO_TIMES. */
export function isScenarioTimes(times: unknown): times is number {
  return (
    Number.isInteger(times) && (times as number) >= 1 && (times as number) <= MAX_SCENARIO_TIMES
  );
}

/** What a bad `times` is told (without the `[login-mock]` prefix): the range, and what it got. */
export function scenarioTimesMessage(times: unknown): string {
  const got = typeof times === "number" ? String(times) : (JSON.stringify(times) ?? String(times));
  return `"times" takes a whole number from 1 to ${MAX_SCENARIO_TIMES} (the next n logins get the scenario, then the session answers as before), not ${got}.`;
}
