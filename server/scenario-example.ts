/**
 * The scenario a message or banner shows as an example for an API: its first documented error
 * response (an example its spec gives, not one inferred), so the example works on the port that
 * prints it whatever the API.
 */
import { catalogueOf, type Scenario } from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";

export function exampleScenarioOf(api: LoginApi): Scenario {
  const responses = catalogueOf(api).filter((scenario) => scenario.kind === "response");
  const errors = responses.filter((scenario) => (scenario.status ?? 0) >= 400);
  const chosen = errors.find((scenario) => !scenario.inferred) ?? errors[0] ?? responses[0];
  if (!chosen) throw new Error(`[login-mock] ${api.source} documents no response.`);
  return chosen;
}
