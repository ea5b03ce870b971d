/**
 * The demo accounts a login API's spec declares (`x-login-mock.accounts`), then its unknown
 * identity, each with what logging in with it gets: the control panel and `login-mock
 * scenarios` list them.
 */
import type { LoginApi } from "../openapi/login-api.ts";

export interface AccountRow {
  readonly identity: string;
  readonly secret: string;
  readonly outcome: string;
}

/** The spec's demo accounts, then its unknown identity, each with what logging in gets. */
export function accountRows(api: LoginApi): AccountRow[] {
  const outcome = (example: string) => {
    const status = api.examples.find((candidate) => candidate.name === example)?.status;
    return status === undefined ? example : `${status} ${example}`;
  };
  return [
    ...api.accounts.map((account) => ({
      identity: account.identity,
      secret: account.secret,
      outcome: `${outcome(account.answer ?? api.outcomes.success)}${account.note ? ` (${account.note})` : ""}`,
    })),
    {
      identity: api.unknownIdentity,
      secret: "(any)",
      outcome: `${outcome(api.outcomes.unknownAccount)} (no such account)`,
    },
  ];
}
