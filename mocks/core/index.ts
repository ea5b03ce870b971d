/**
 * The one entry adapters import (MSW handlers, the HTTP server, the CLI, the package entries),
 * as msw's src/core/index.ts is: the mock, its request pipeline's types and problems, the
 * scenario catalogue, sessions, clocks and tokens. Nothing here knows a runtime or an API by name.
 */

export {
  AccountOutcomeError,
  type AccountOutcomeInput,
  type AccountSummary,
  MAX_ACCOUNT_FIELD_CHARS,
  MAX_ACCOUNTS_FILE_BYTES,
  MAX_EXTRA_ACCOUNTS,
} from "../store/account-outcomes.ts";
export {
  catalogueOf,
  findScenario,
  isScenarioName,
  SCENARIOS,
  type Scenario,
  type ScenarioName,
  type StartScenarios,
  scenarioOf,
  scenariosOf,
  unknownScenarioMessage,
} from "./catalogue/scenario-catalogue.ts";
export { renderDemoAccountTable, renderScenarioTable } from "./catalogue/scenario-table.ts";
export { createLoginMock, type LoginMock, type LoginMockOptions } from "./login-mock.ts";
export { CHALLENGE_MODES, type ChallengeMode, parseChallengeMode } from "./pipeline/challenge.ts";
export { FAULTS, MAX_DELAY_MS } from "./pipeline/faults.ts";
export { jsonReply, type MockReply, SCENARIO_HEADER, withHeaders } from "./pipeline/mock-reply.ts";
export { problemReply } from "./pipeline/problem.ts";
export { DEFAULT_BODY_LIMIT, type LoginInput, mediaTypeEssence } from "./pipeline/request-data.ts";
export { unknownScenarioProblem } from "./pipeline/select-scenario.ts";
export { type Clock, fixedClock, systemClock } from "./sessions/clock.ts";
export {
  type FieldReport,
  JOURNAL_CAPACITY,
  type JournalEntry,
  MAX_JOURNAL_FAULTS,
  type RequestJournal,
} from "./sessions/request-journal.ts";
export {
  isScenarioTimes,
  MAX_SCENARIO_TIMES,
  type MockSession,
  type PendingScenario,
  type ScenarioOptions,
  scenarioTimesMessage,
} from "./sessions/session.ts";
export {
  type ClockState,
  clockRange,
  DOCUMENTED_CLOCK_RANGE,
  MAX_CLOCK_STEP_SECONDS,
  parseInstant,
  readInstant,
  type SessionClock,
} from "./sessions/session-clock.ts";
export {
  DEFAULT_SESSION,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  sessionIdOf,
} from "./sessions/session-id.ts";
export { MAX_SESSIONS, SESSION_IDLE_MS, type SessionLimits } from "./sessions/session-table.ts";
export { MAX_REFRESH_TOKENS, MAX_TOKEN_FAMILIES } from "./sessions/token-families.ts";
export type { CredentialReport, CredentialState, WhoAmI } from "./sessions/whoami.ts";
export {
  DEFAULT_JWT_SECRET,
  type TokenHeader,
  type TokenPayload,
  verifyToken,
} from "./tokens/jwt.ts";
export {
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  type KeyRotation,
  MAX_KEYS_KEPT,
  type PublicJwk,
  type SigningKeySource,
} from "./tokens/key-set.ts";
export { longestTokenLifetimeSeconds, MAX_TOKEN_TTL_SECONDS } from "./tokens/token-lifetime.ts";
