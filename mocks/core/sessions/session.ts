/**
 * One mock session: its own sticky scenarios, clock, store changes and request journal, so
 * parallel e2e tests (or two QA people) can share one server without seeing each other. The
 * default session is the mock as it always was; others start from the same seed.
 */
import type { Variant } from "../../../openapi/documents.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
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

export interface MockSession {
  /** `default`, or the id the requests name. */
  readonly id: string;
  readonly store: UserStore;
  readonly clock: SessionClock;
  readonly journal: RequestJournal;
  /** The scenario every login of `variant` in this session gets, or null. */
  scenario<V extends Variant>(variant: V): ScenarioName<V> | null;
  /** Sets (or with null, clears) it. Throws on an unknown scenario. */
  setScenario<V extends Variant>(variant: V, name: ScenarioName<V> | null): void;
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
  lastSeenMs: number;
  requests: number;
  anonymous: boolean;
}

export interface SessionParts {
  readonly store: UserStore;
  readonly clock: SessionClock;
  readonly context: Omit<BehaviourContext, "store" | "clock" | "lockouts">;
  /** The mock's APIs by id. */
  readonly apis: ReadonlyMap<string, LoginApi>;
  /** Scenarios a new or reset session starts with (`serve --scenario`), by API id. */
  readonly startScenarios: ReadonlyMap<string, string>;
}

export function createSession(id: string, parts: SessionParts, nowMs: number): LiveSession {
  const { store, clock, startScenarios, apis } = parts;
  const sticky = new Map<string, string>();
  const journal = new RequestJournal();
  const lockouts = new LockoutBook();

  function setScenario<V extends Variant>(variant: V, name: ScenarioName<V> | null): void {
    const api = apis.get(variant);
    if (!api) {
      throw new Error(
        `[login-mock] This mock serves no API "${variant}". It serves: ${[...apis.keys()].join(", ")}.`,
      );
    }
    if (name === null) {
      sticky.delete(variant);
      return;
    }
    if (!scenarioOf(api, name)) throw new Error(unknownScenarioMessage(api, name));
    sticky.set(variant, name);
  }
  function start(): void {
    sticky.clear();
    for (const [id, name] of startScenarios) setScenario(id, name);
  }
  start();

  return {
    id,
    store,
    clock,
    journal,
    context: { ...parts.context, store, clock, lockouts },
    lastSeenMs: nowMs,
    requests: 0,
    anonymous: false,
    // setScenario stores only `variant`'s own names under `variant`.
    scenario: <V extends Variant>(variant: V) =>
      (sticky.get(variant) ?? null) as ScenarioName<V> | null,
    setScenario,
    reset() {
      store.reset();
      lockouts.clear();
      start();
      clock.restart();
      journal.clear();
      this.requests = 0;
    },
  };
}
