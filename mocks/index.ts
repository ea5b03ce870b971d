/**
 * login-mock: MSW handlers for any login API its OpenAPI document describes (with its
 * `x-login-mock` block), and for the built-in presets, TalkStack and Seamless.
 * Runtime-neutral; use `login-mock/node` or `login-mock/browser` to start them.
 *
 * @example
 * import { handlers, forceScenario } from "login-mock";
 * const server = setupServer(...handlers);
 * server.use(...forceScenario("seamless", "recaptcha-failed"));
 *
 * @example
 * const mock = createLoginMock({ apis: [await readLoginSpec("./my-login.yaml")] }); // login-mock/node
 * const server = setupServer(...createHandlers(mock));
 */
import type { Variant } from "../openapi/documents.ts";
import { createLoginMock, type ScenarioName } from "./core/index.ts";
import { type BaseUrls, createHandlers, forceScenarioWith } from "./msw/handlers.ts";

export type { Variant } from "../openapi/documents.ts";
export type { LoginApi } from "../openapi/login-api.ts";
export type { LoginExtension } from "../openapi/login-extension.ts";
export { LoginSpecError } from "../openapi/login-spec-error.ts";
export { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../presets/demo-accounts.ts";
export { builtInApis } from "../presets/index.ts";
export {
  AccountOutcomeError,
  type AccountOutcomeInput,
  type AccountSummary,
  CHALLENGE_MODES,
  type ChallengeMode,
  type ChallengeMode as RecaptchaMode,
  type Clock,
  type ClockState,
  type CredentialReport,
  type CredentialState,
  catalogueOf,
  createLoginMock,
  DEFAULT_JWT_SECRET,
  DEFAULT_SESSION,
  FAULTS,
  type FieldReport,
  findScenario,
  fixedClock,
  isScenarioName,
  JOURNAL_CAPACITY,
  type JournalEntry,
  type LoginMock,
  type LoginMockOptions,
  MAX_CLOCK_STEP_SECONDS,
  MAX_EXTRA_ACCOUNTS,
  MAX_SCENARIO_TIMES,
  MAX_SESSIONS,
  type MockReply,
  type MockSession,
  type PendingScenario,
  parseChallengeMode,
  parseChallengeMode as parseRecaptchaMode,
  type RequestJournal,
  SCENARIOS,
  type Scenario,
  type ScenarioName,
  type ScenarioOptions,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  SESSION_IDLE_MS,
  type SessionClock,
  type SessionLimits,
  type StartScenarios,
  scenarioOf,
  scenariosOf,
  systemClock,
  type TokenHeader,
  type TokenPayload,
  verifyToken,
  type WhoAmI,
} from "./core/index.ts";
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
