/**
 * Contract options for the project's own servers: the preset's declared demo accounts (its
 * spec's `x-login-mock.accounts`), its unknown identity, no rate limit.
 */
import type { ContractOptions } from "../../contracts/options.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import { builtInApis } from "../../presets/index.ts";

/** The built-in API with this id; throws, listing the ids, when there is none. */
export function presetApi(id: string): LoginApi {
  const api = builtInApis().find((candidate) => candidate.id === id);
  if (!api)
    throw new Error(
      `no preset "${id}": ${builtInApis()
        .map((candidate) => candidate.id)
        .join(", ")}`,
    );
  return api;
}

/** The API's first declared account that logs in, and its first that answers otherwise. */
export function demoAccounts(api: LoginApi) {
  const valid = api.accounts.find((account) => account.answer === undefined);
  const answer = api.accounts.find((account) => account.answer !== undefined);
  if (!valid) throw new Error(`${api.id} declares no account that logs in`);
  return { valid, answer };
}

export function ownServerOptions(
  apiOrId: LoginApi | string,
  baseUrl: string,
  overrides: Partial<ContractOptions> = {},
): ContractOptions {
  const api = typeof apiOrId === "string" ? presetApi(apiOrId) : apiOrId;
  const { valid, answer } = demoAccounts(api);
  return {
    api,
    baseUrl,
    identity: valid.identity,
    secret: valid.secret,
    challenge: api.request.challenge ? "contract-test-challenge" : undefined,
    rejectedChallenge: undefined,
    answerAccount: answer ? { identity: answer.identity, secret: answer.secret } : undefined,
    unknownIdentity: api.unknownIdentity,
    drive: "auto",
    skipChecks: [],
    settings: { responseTimeBudgetMs: undefined, jwtLeewaySeconds: 120, jwtAlgorithms: undefined },
    ratePerSecond: 0,
    timeoutMs: 5000,
    retries: 1,
    maxWrongSecret: 1,
    fuzzRuns: 40,
    fuzzSeed: 20261123,
    requireAll: true,
    ...overrides,
  };
}
