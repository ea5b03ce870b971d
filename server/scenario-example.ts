/**
 * The scenario a message or banner shows as an example for a variant: its first documented
 * error response (an example its spec gives, not one inferred), so the example works on the
 * port that prints it whatever the vendor.
 */
import { type Scenario, scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import type { Variant } from "../openapi/documents.ts";

export function exampleScenarioOf(variant: Variant): Scenario {
  const responses = scenariosOf(variant).filter((scenario) => scenario.kind === "response");
  const errors = responses.filter((scenario) => (scenario.status ?? 0) >= 400);
  const chosen = errors.find((scenario) => !scenario.inferred) ?? errors[0] ?? responses[0];
  if (!chosen) throw new Error(`[login-mock] The ${variant} spec documents no response.`);
  return chosen;
}
