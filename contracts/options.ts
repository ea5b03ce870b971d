/** Everything a contract run needs to know, from flags or environment variables. */
import type { LoginApi } from "../openapi/login-api.ts";
import type { ReplyLimits } from "./bounded-reply.ts";
import type { CheckSettings } from "./checks/index.ts";
import { baseFields, type Credentials } from "./provocations.ts";

export type Drive = "auto" | "data" | "prefer";

export interface ContractOptions {
  /** The login API the target serves: a preset's, or one read from the user's spec. */
  readonly api: LoginApi;
  readonly baseUrl: string;
  /**
   * Values of the login path's `{param}`s (`--path-param`), over the spec's documented ones
   * (`operation-path.ts`).
   */
  readonly pathParams?: Readonly<Record<string, string>>;
  /** A registered account for the positive cases; without it they are skipped. */
  readonly identity: string | undefined;
  readonly secret: string | undefined;
  /** A value of the spec's challenge field (a CAPTCHA token, say) the target accepts. */
  readonly challenge: string | undefined;
  /** A challenge value the target rejects, if there is one (a test key, a mock). */
  readonly rejectedChallenge: string | undefined;
  /** An account whose state gives a documented answer of its own (`account-answer`). */
  readonly answerAccount: Credentials | undefined;
  /** An identity no account has (`defaultUnknownIdentity` unless given). */
  readonly unknownIdentity: string;
  /**
   * auto: requests with data, plus each documented response forced by `Prefer` when the target
   * honours it; data: requests only; prefer: `Prefer` only (for mocks such as Prism that serve
   * examples whatever the request says).
   */
  readonly drive: Drive;
  readonly skipChecks: readonly string[];
  readonly settings: CheckSettings;
  /** Requests per second (0 = no limit). */
  readonly ratePerSecond: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Wrong-secret attempts against the real account, at most. */
  readonly maxWrongSecret: number;
  /** Generated invalid bodies in the negative phase, and the seed that generates them. */
  readonly fuzzRuns: number;
  readonly fuzzSeed: number;
  readonly requireAll: boolean;
  /**
   * Fail a refresh or logout the spec marks `x-inferred` that the target does not serve (a 404
   * or 405 it does not document) instead of reporting its cases unreachable
   * (`--require-session-operations`).
   */
  readonly requireSessionOperations?: boolean;
  /** Where the target publishes its public keys (`--jwks-url`): every issued JWT must verify. */
  readonly jwksUrl?: string;
  /** The shared secret of HS256 tokens (`--jwt-secret`); never printed. */
  readonly jwtSecret?: string;
  /**
   * The whole run's budget in ms (`--deadline`), replies and waits included; past it the run
   * stops and reports what it has. Default `DEFAULT_DEADLINE_SECONDS`.
   */
  readonly deadlineMs?: number;
  /** Reply limits other than the defaults of `bounded-reply.ts` (the self-tests shrink them). */
  readonly replyLimits?: Partial<ReplyLimits>;
}

/** The identity no account has, by default: plainly the harness's, never a real person's. */
export const DEFAULT_UNKNOWN_IDENTITY = "login-mock-contract-nobody";
/** The same, for an identity field of `format: email`. */
export const DEFAULT_UNKNOWN_ADDRESS = "login-mock-contract-nobody@example.com";

/**
 * The identity the harness sends as unknown when none is given: a clearly fake one (an address
 * when the identity field has `format: email`). When the field's schema refuses it (a pattern
 * of digits, say), the spec's own `unknownIdentity`.
 */
export function defaultUnknownIdentity(api: LoginApi): string {
  const { identity, fields } = api.request;
  const schema = fields.find((field) => field.name === identity)?.schema ?? {};
  const fake = schema.format === "email" ? DEFAULT_UNKNOWN_ADDRESS : DEFAULT_UNKNOWN_IDENTITY;
  const body = baseFields(api, { unknownIdentity: fake });
  const validate = api.request.validate;
  const accepted =
    validate(body) ||
    !(validate.errors ?? []).some((error) => error.instancePath === `/${identity}`);
  return accepted ? fake : api.unknownIdentity;
}

/** How long one reply may take by default (`--timeout`), from the request to its last byte. */
export const DEFAULT_REPLY_TIMEOUT_MS = 10_000;

/** The default run deadline: a healthy remote target at 4 requests a second needs ~15 s. */
export const DEFAULT_DEADLINE_SECONDS = 300;

/**
 * Sends in a row that got no complete reply (a connection error after its retries, silence,
 * a body still arriving at --timeout) before the run stops early; a target that has not
 * completed one reply yet stops the run at the first.
 */
export const MAX_FAILED_REPLIES_IN_A_ROW = 3;
