export type { Variant } from "../openapi/documents.ts";
export type { LoginApi } from "../openapi/login-api.ts";
export type { LoginExtension } from "../openapi/login-extension.ts";
export { LoginSpecError } from "../openapi/login-spec-error.ts";
export { builtInApis } from "../presets/index.ts";
// The presets' demo accounts and per-preset handlers, by their names.
export * from "../presets/public.ts";
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

export { defaultMock, forceScenario, handlers } from "./default-mock.ts";
export { createHandlers, DEFAULT_BASE_URLS, forceScenarioWith } from "./msw/handlers.ts";
