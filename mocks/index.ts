/**
 * login-mock: MSW handlers for the TalkStack and Seamless login APIs, derived from their
 * OpenAPI specs. Runtime-neutral; use `login-mock/node` or `login-mock/browser` to start them.
 *
 * @example
 * import { handlers, forceScenario } from "login-mock";
 * const server = setupServer(...handlers);
 * server.use(...forceScenario("seamless", "recaptcha-failed"));
 */
import type { Variant } from "../openapi/documents.ts";
import { createLoginMock } from "./core/login-mock.ts";
import type { ScenarioName } from "./core/scenario-catalogue.ts";
import { type BaseUrls, createHandlers, forceScenarioWith } from "./msw/handlers.ts";

export type { Variant } from "../openapi/documents.ts";
export type { LoginApi } from "../openapi/login-api.ts";
export { LOGIN_EXTENSION_SCHEMA, type LoginExtension } from "../openapi/login-extension.ts";
export { LoginSpecError } from "../openapi/login-spec-error.ts";
export { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../presets/demo-accounts.ts";
export { builtInApis } from "../presets/index.ts";
export {
  CHALLENGE_MODES,
  type ChallengeMode,
  type ChallengeMode as RecaptchaMode,
  parseChallengeMode,
  parseChallengeMode as parseRecaptchaMode,
} from "./core/challenge.ts";
export type { Clock } from "./core/clock.ts";
export { fixedClock, systemClock } from "./core/clock.ts";
export { FAULTS } from "./core/faults.ts";
export {
  DEFAULT_JWT_SECRET,
  type TokenHeader,
  type TokenPayload,
  verifyToken,
} from "./core/jwt.ts";
export { createLoginMock, type LoginMock, type LoginMockOptions } from "./core/login-mock.ts";
export type { MockReply } from "./core/mock-reply.ts";
export {
  type FieldReport,
  JOURNAL_CAPACITY,
  type JournalEntry,
  type RequestJournal,
} from "./core/request-journal.ts";
export {
  findScenario,
  isScenarioName,
  SCENARIOS,
  type Scenario,
  type ScenarioName,
  type StartScenarios,
  scenariosOf,
} from "./core/scenario-catalogue.ts";
export type { MockSession } from "./core/session.ts";
export {
  type ClockState,
  MAX_CLOCK_STEP_SECONDS,
  type SessionClock,
} from "./core/session-clock.ts";
export {
  DEFAULT_SESSION,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
} from "./core/session-id.ts";
export { MAX_SESSIONS, SESSION_IDLE_MS, type SessionLimits } from "./core/session-table.ts";
export type { CredentialReport, CredentialState, WhoAmI } from "./core/whoami.ts";
export { createHandlers, DEFAULT_BASE_URLS, forceScenarioWith } from "./msw/handlers.ts";

/** The mock behind `handlers`: seed 1, system clock, documented token lifetimes. */
export const defaultMock = createLoginMock();

/** Handlers for both variants on the specs' servers, backed by `defaultMock`. */
export const handlers = createHandlers(defaultMock);
export const talkstackHandlers = createHandlers(defaultMock, { variants: ["talkstack"] });
export const seamlessHandlers = createHandlers(defaultMock, { variants: ["seamless"] });

/** `forceScenarioWith(defaultMock, …)`: an override for `server.use(...)` / `worker.use(...)`. */
export function forceScenario<V extends Variant>(
  variant: V,
  scenario: ScenarioName<V>,
  baseUrls?: Partial<BaseUrls>,
) {
  return forceScenarioWith(defaultMock, variant, scenario, baseUrls);
}
