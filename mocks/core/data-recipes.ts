/**
 * How to reach each response with data alone, for the provocations that need a concrete
 * account. The other provocations are described well enough by the spec's own
 * `info.x-provocations` text; the scenario catalogue combines the two.
 */
import type { Variant } from "../../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../store/demo-accounts.ts";

/** The body limit lives in the HTTP server; MSW handlers read whatever body the page sends. */
const OVERSIZED_BODY =
  "`login-mock serve`: any body over 100 kB; the MSW handlers have no body limit: force it (Prefer or X-Mock-Scenario)";

export const DATA_RECIPES: Readonly<Record<Variant, Readonly<Record<string, string>>>> = {
  talkstack: {
    "valid-login": `${TALKSTACK_DEMO.documented.email} / ${TALKSTACK_DEMO.documented.password} (the document's example body)`,
    "unknown-user": `${UNKNOWN_EMAIL.talkstack} with any password`,
    "wrong-password": `${TALKSTACK_DEMO.documented.email} with any other password`,
    "unverified-user": `${TALKSTACK_DEMO.unverified.email} / ${TALKSTACK_DEMO.unverified.password}`,
    "server-fault": "not reachable with data: force it (Prefer or X-Mock-Scenario)",
    "oversized-body": OVERSIZED_BODY,
  },
  seamless: {
    "valid-login": `${SEAMLESS_DEMO.documented.email} / ${SEAMLESS_DEMO.documented.password} with any recaptchaVal (the document's code examples)`,
    "unknown-user": `${UNKNOWN_EMAIL.seamless} with any password`,
    "wrong-password": `${SEAMLESS_DEMO.documented.email} with any other password`,
    "recaptcha-rejected":
      "start the mock with reCAPTCHA mode `reject` (or `match:<value>` and send another value)",
    "server-fault": "not reachable with data: force it (Prefer or X-Mock-Scenario)",
    "oversized-body": OVERSIZED_BODY,
  },
};
