/**
 * The built-in APIs' demo accounts under names tests and docs can use, read from the accounts
 * each spec declares (`x-login-mock.accounts`, in the order written there), so there is one
 * source: the YAML. Public on purpose: they exist only in the mock.
 */
import type { LoginApi } from "../openapi/login-api.ts";
import { builtInApis } from "./index.ts";

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  /** What logging in with these credentials gets: status and example name. */
  readonly outcome: string;
}

function api(id: string): LoginApi {
  const found = builtInApis().find((candidate) => candidate.id === id);
  if (!found) throw new Error(`[login-mock] No built-in API "${id}".`);
  return found;
}

function demo(of: LoginApi, index: number): DemoAccount {
  const account = of.accounts[index];
  if (!account) throw new Error(`[login-mock] ${of.title} declares no account ${index + 1}.`);
  const answer = account.answer ?? of.outcomes.success;
  const status = of.examples.find((example) => example.name === answer)?.status;
  return { email: account.identity, password: account.secret, outcome: `${status} ${answer}` };
}

const talkstack = api("talkstack");
const seamless = api("seamless");

export const TALKSTACK_DEMO = {
  /** The vendor document's example request body logs in as this account. */
  documented: demo(talkstack, 0),
  /** A second ordinary account, for tests that must not share state with the first. */
  member: demo(talkstack, 1),
  unverified: demo(talkstack, 2),
} as const;

export const SEAMLESS_DEMO = {
  /** The vendor document's code examples (fetch, requests, curl) log in as this account. */
  documented: demo(seamless, 0),
  /** The user of the document's success example (John Doe, loginCount 42). */
  john: demo(seamless, 1),
} as const;

/** An email no seed contains, for the "unknown user" outcomes. */
export const UNKNOWN_EMAIL = {
  talkstack: talkstack.unknownIdentity,
  seamless: seamless.unknownIdentity,
};
