/** Everything a contract run needs to know, from flags or environment variables. */
import type { Variant } from "../openapi/documents.ts";
import type { ReplyLimits } from "./bounded-reply.ts";
import type { CheckSettings } from "./checks/index.ts";

export type Drive = "auto" | "data" | "prefer";

export interface ContractOptions {
  readonly variant: Variant;
  readonly baseUrl: string;
  /** A registered account for the positive cases; without it they are skipped. */
  readonly email: string | undefined;
  readonly password: string | undefined;
  /** A reCAPTCHA value the target accepts (Seamless). */
  readonly recaptcha: string | undefined;
  /** A reCAPTCHA value the target rejects, if there is one (a test key, a mock). */
  readonly rejectedRecaptcha: string | undefined;
  /** TalkStack: an account whose email is not verified. */
  readonly unverifiedEmail: string | undefined;
  readonly unverifiedPassword: string | undefined;
  readonly unknownEmail: string;
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
  /** Wrong-password attempts against the real account, at most. */
  readonly maxWrongPassword: number;
  /** Generated invalid bodies in the negative phase, and the seed that generates them. */
  readonly fuzzRuns: number;
  readonly fuzzSeed: number;
  readonly requireAll: boolean;
  /**
   * The whole run's budget in ms (`--deadline`), replies and waits included; past it the run
   * stops and reports what it has. Default `DEFAULT_DEADLINE_SECONDS`.
   */
  readonly deadlineMs?: number;
  /** Reply limits other than the defaults of `bounded-reply.ts` (the self-tests shrink them). */
  readonly replyLimits?: Partial<ReplyLimits>;
}

export const DEFAULT_UNKNOWN_EMAIL = "login-mock-contract-nobody@example.com";

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
