/**
 * How to reach each response with data alone, in words, from what the API's spec declares:
 * its demo accounts, its unknown identity, its challenge and lockout. Words the spec explains
 * itself (`info.x-provocations`) keep the spec's text; field words (`omit-<field>`, …) get a
 * sentence of their own.
 */
import type { LoginApi } from "../../../openapi/login-api.ts";
import { DEFAULT_BODY_LIMIT } from "../pipeline/request-data.ts";

/**
 * The body limit lives in the HTTP server (the spec's `x-body-limit-bytes`, else
 * DEFAULT_BODY_LIMIT); MSW handlers read whatever body the page sends.
 */
function oversizedBody(api: LoginApi): string {
  const bytes = api.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const size = bytes % 1024 === 0 ? `${bytes / 1024} kB` : `${bytes} bytes`;
  return `\`login-mock serve\`: any body over ${size}; the MSW handlers have no body limit: force it (Prefer or X-Mock-Scenario)`;
}
const FORCE_ONLY = "not reachable with data: force it (Prefer or X-Mock-Scenario)";

/** One sentence for `word`, as it reaches `exampleName` of `api`. */
export function describeProvocation(api: LoginApi, word: string, exampleName: string): string {
  const { request } = api;
  const demo = api.accounts.find((account) => account.answer === undefined) ?? api.accounts[0];
  const challenge = request.challenge ? ` with any ${request.challenge.field}` : "";
  switch (word) {
    case "valid-login":
      return demo
        ? `${demo.identity} / ${demo.secret}${challenge}${demo.note ? ` (${demo.note})` : ""}`
        : "a declared account with its secret";
    case "unknown-account":
      return `${api.unknownIdentity} with any ${request.secret}`;
    case "wrong-secret":
      return demo ? `${demo.identity} with any other ${request.secret}` : "a wrong secret";
    case "account-answer": {
      const accounts = api.accounts.filter((account) => account.answer === exampleName);
      return accounts.length > 0
        ? accounts.map((account) => `${account.identity} / ${account.secret}`).join(", ")
        : (api.provocationTexts[word] ?? "an account whose state gives this answer");
    }
    case "challenge-rejected":
      return "start the mock with challenge mode `reject` (or `match:<value>` and send another value)";
    case "locked-out": {
      const lockout = api.outcomes.lockedOut;
      return lockout
        ? `${lockout.after} wrong ${request.secret}s in a row for one account; it stays locked ${lockout.seconds} s on the session's clock`
        : FORCE_ONLY;
    }
    case "server-fault":
      return FORCE_ONLY;
    case "oversized-body":
      return oversizedBody(api);
  }
  return api.provocationTexts[word] ?? describeFieldWord(word);
}

/** `omit-email` → "the body has no `email`", and so on for each derived word. */
export function describeFieldWord(word: string): string {
  const match = /^(omit|empty|wrong-type|malformed)-(.+)$/.exec(word);
  if (match) {
    const field = `\`${match[2]}\``;
    switch (match[1]) {
      case "omit":
        return `The body has no ${field}.`;
      case "empty":
        return `${field} is an empty string.`;
      case "wrong-type":
        return `${field} has the wrong type (a number for a string, say).`;
      case "malformed":
        return `${field} is a string of the wrong form (its format or pattern).`;
    }
  }
  if (word === "malformed-body") return "The body does not parse as its media type.";
  if (word === "wrong-content-type") return "The body is sent as `text/plain`.";
  return word;
}
