/**
 * Two workers, one mock server. This file and parallel-server-error.test.ts run at the same
 * time in two Vitest workers, each with its own browser and its own mock session. Each forces
 * a different Seamless scenario through the control API, and each sees only its own: nothing
 * is reset between them, nothing waits for the other to finish.
 */
import { parallelScenarioTest } from "./support/parallel-scenario.ts";

parallelScenarioTest({
  session: "e2e-recaptcha",
  scenario: "recaptcha-failed",
  other: { session: "e2e-server-error", scenario: "server-error" },
  shows: { headline: "Login failed: 401", message: "Login Failed — Login Failed!" },
  status: 401,
});
