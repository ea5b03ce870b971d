/**
 * The accounts every seed contains, one per outcome that data alone can reach. They are the
 * vendor documents' own example credentials where the documents give them, so pasting a
 * documented request logs in. Public on purpose: they exist only in the mock.
 */
export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  /** What logging in with these credentials gets, in words. */
  readonly outcome: string;
}

export const TALKSTACK_DEMO = {
  /** The vendor document's example request body logs in as this account. */
  documented: { email: "example@host.com", password: "XXXXXXXXXX", outcome: "200 success" },
  /** A second ordinary account, for tests that must not share state with the first. */
  member: { email: "ada@talkstack.test", password: "talkstack-demo-1", outcome: "200 success" },
  unverified: {
    email: "unverified@talkstack.test",
    password: "talkstack-demo-2",
    outcome: "403 account-not-verified",
  },
} as const satisfies Record<string, DemoAccount>;

export const SEAMLESS_DEMO = {
  /** The vendor document's code examples (fetch, requests, curl) log in as this account. */
  documented: {
    email: "user@example.com",
    password: "securePassword123",
    outcome: "200 success",
  },
  /** The user of the document's success example (John Doe, loginCount 42). */
  john: { email: "john@example.com", password: "securePassword123", outcome: "200 success" },
} as const satisfies Record<string, DemoAccount>;

/** An email no seed contains, for the "unknown user" outcomes. */
export const UNKNOWN_EMAIL = {
  talkstack: "nobody@talkstack.test",
  seamless: "nobody@seamless.test",
};
