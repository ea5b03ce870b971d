/**
 * Turns the spec's provocation words (`info.x-provocations`, used by each example's
 * `x-provoked-by`) into real requests. The contract harness sends them to live servers; the
 * mock's tests send them to the mock to prove each response is reachable with data alone.
 */
import type { Variant } from "../openapi/documents.ts";

export interface ProvocationRequest {
  readonly contentType: string;
  readonly body: string;
}

/** What the requests need to know about the target's accounts. */
export interface ProvocationAccounts {
  /** A registered (and verified) account that logs in. */
  readonly valid?: { readonly email: string; readonly password: string };
  /** A registered account whose email is not verified (TalkStack). */
  readonly unverified?: { readonly email: string; readonly password: string };
  /** A reCAPTCHA value the target accepts (Seamless). */
  readonly recaptcha?: string;
  /** A reCAPTCHA value the target rejects (Seamless). */
  readonly rejectedRecaptcha?: string;
  /** An email no account has. */
  readonly unknownEmail: string;
}

/** What the requests need to know about the target itself, from its spec. */
export interface ProvocationLimits {
  /** The largest body the target accepts (`x-body-limit-bytes` on the spec's 413). */
  readonly bodyLimitBytes?: number | undefined;
}

export type Unreachable = {
  readonly unreachable: string;
  /** True when the caller could make it reachable by giving an account (a skip, not a gap). */
  readonly needsAccount?: boolean;
};

const JSON_TYPE = "application/json";

/**
 * The request for `word`, or why it cannot be built for these accounts. Requests that need
 * no account use placeholders that are valid in form.
 */
export function buildProvocation(
  variant: Variant,
  word: string,
  accounts: ProvocationAccounts,
  limits: ProvocationLimits = {},
): ProvocationRequest | Unreachable {
  const valid = accounts.valid;
  const base: Record<string, unknown> = {
    email: valid?.email ?? accounts.unknownEmail,
    password: valid?.password ?? "placeholder-password",
    ...(variant === "seamless" ? { recaptchaVal: accounts.recaptcha ?? "recaptcha-token" } : {}),
  };
  const json = (fields: Record<string, unknown>) => ({
    contentType: JSON_TYPE,
    body: JSON.stringify(fields),
  });
  const without = (field: string) => {
    const { [field]: _removed, ...rest } = base;
    return json(rest);
  };
  switch (word) {
    case "valid-login":
      return valid
        ? json(base)
        : { unreachable: "no credentials given (--email, --password)", needsAccount: true };
    case "omit-email":
      return without("email");
    case "omit-password":
      return without("password");
    case "omit-recaptcha":
      return without("recaptchaVal");
    case "empty-email":
      return json({ ...base, email: "" });
    case "empty-password":
      return json({ ...base, password: "" });
    case "empty-recaptcha":
      return json({ ...base, recaptchaVal: "" });
    case "wrong-type-email":
      return json({ ...base, email: 12345 });
    case "wrong-type-password":
      return json({ ...base, password: 12345 });
    case "malformed-json":
      return { contentType: JSON_TYPE, body: `{"email": "${base.email}", "password": ` };
    case "wrong-content-type":
      return { contentType: "text/plain", body: JSON.stringify(base) };
    case "invalid-email-format":
      return json({ ...base, email: "not-an-email" });
    case "unknown-user":
      return json({ ...base, email: accounts.unknownEmail });
    case "wrong-password":
      return valid
        ? json({ ...base, password: `${valid.password}-wrong` })
        : { unreachable: "no registered email given (--email)", needsAccount: true };
    case "unverified-user":
      return accounts.unverified
        ? json({ ...base, ...accounts.unverified })
        : {
            unreachable: "no unverified account given (--unverified-email, --unverified-password)",
            needsAccount: true,
          };
    case "recaptcha-rejected":
      return accounts.rejectedRecaptcha
        ? json({ ...base, recaptchaVal: accounts.rejectedRecaptcha })
        : {
            unreachable:
              "a live reCAPTCHA cannot be made to fail on purpose without a known rejected value",
          };
    case "server-fault":
      return { unreachable: "a healthy server has no request that makes it fail" };
    case "oversized-body":
      // An unknown user and a placeholder password: a server with a larger limit that logs
      // this in anyway touches no real account.
      return limits.bodyLimitBytes === undefined
        ? { unreachable: "the spec gives no body limit (`x-body-limit-bytes` on its 413)" }
        : json({
            ...base,
            email: accounts.unknownEmail,
            password: "placeholder-password",
            padding: "x".repeat(limits.bodyLimitBytes),
          });
    default:
      return { unreachable: `no request is known for the provocation "${word}"` };
  }
}

export function isUnreachable(request: ProvocationRequest | Unreachable): request is Unreachable {
  return "unreachable" in request;
}
