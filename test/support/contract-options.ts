/** Contract options for the project's own servers: the demo accounts, no rate limit. */
import type { ContractOptions } from "../../contracts/options.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../../mocks/store/demo-accounts.ts";
import type { Variant } from "../../openapi/documents.ts";

export function ownServerOptions(
  variant: Variant,
  baseUrl: string,
  overrides: Partial<ContractOptions> = {},
): ContractOptions {
  const demo = variant === "talkstack" ? TALKSTACK_DEMO.documented : SEAMLESS_DEMO.documented;
  return {
    variant,
    baseUrl,
    email: demo.email,
    password: demo.password,
    recaptcha: variant === "seamless" ? "contract-test-recaptcha" : undefined,
    rejectedRecaptcha: undefined,
    unverifiedEmail: variant === "talkstack" ? TALKSTACK_DEMO.unverified.email : undefined,
    unverifiedPassword: variant === "talkstack" ? TALKSTACK_DEMO.unverified.password : undefined,
    unknownEmail: UNKNOWN_EMAIL[variant],
    drive: "auto",
    skipChecks: [],
    settings: { responseTimeBudgetMs: undefined, jwtLeewaySeconds: 120, jwtAlgorithms: undefined },
    ratePerSecond: 0,
    timeoutMs: 5000,
    retries: 1,
    maxWrongPassword: 1,
    fuzzRuns: 40,
    fuzzSeed: 20261123,
    requireAll: true,
    ...overrides,
  };
}
