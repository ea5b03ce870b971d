/**
 * The other of the two parallel workers (see parallel-recaptcha.test.ts): same server, its own
 * session, a different scenario forced at the same moment.
 */
import { parallelScenarioTest } from "./support/parallel-scenario.ts";

parallelScenarioTest({
  session: "e2e-server-error",
  scenario: "server-error",
  other: { session: "e2e-recaptcha", scenario: "recaptcha-failed" },
  shows: { headline: "Login failed: 500", message: "user Login Failed." },
  status: 500,
});
