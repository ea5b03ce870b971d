/**
 * One mock session: its own sticky scenarios, clock, store changes and request journal, so
 * parallel e2e tests (or two QA people) can share one server without seeing each other. The
 * default session is the mock as it always was; others start from the same seed.
 */
import { VARIANTS, type Variant } from "../../openapi/documents.ts";
import type { UserStore } from "../store/user-store.ts";
import type { BehaviourContext } from "./behaviour.ts";
import { RequestJournal } from "./request-journal.ts";
import {
  findScenario,
  type ScenarioName,
  type StartScenarios,
  unknownScenarioMessage,
} from "./scenario-catalogue.ts";
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
  readonly context: Omit<BehaviourContext, "store" | "clock">;
  /** Scenarios a new or reset session starts with (`serve --scenario`). */
  readonly startScenarios: StartScenarios;
}

export function createSession(id: string, parts: SessionParts, nowMs: number): LiveSession {
  const { store, clock, startScenarios } = parts;
  const sticky: Record<Variant, ScenarioName | null> = { talkstack: null, seamless: null };
  const journal = new RequestJournal();

  function setScenario<V extends Variant>(variant: V, name: ScenarioName<V> | null): void {
    if (name !== null && !findScenario(variant, name)) {
      throw new Error(unknownScenarioMessage(variant, name));
    }
    sticky[variant] = name;
  }
  function start(): void {
    for (const variant of VARIANTS) setScenario(variant, startScenarios[variant] ?? null);
  }
  start();

  return {
    id,
    store,
    clock,
    journal,
    context: { ...parts.context, store, clock },
    lastSeenMs: nowMs,
    requests: 0,
    anonymous: false,
    // setScenario stores only `variant`'s own names under `variant`.
    scenario: <V extends Variant>(variant: V) => sticky[variant] as ScenarioName<V> | null,
    setScenario,
    reset() {
      store.reset();
      start();
      clock.restart();
      journal.clear();
      this.requests = 0;
    },
  };
}
