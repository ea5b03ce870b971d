/**
 * Every scenario the mock can serve, declared once: one per named response example in the
 * specs (same name, same status), plus the network faults. The CLI's `scenarios` command, the
 * control panel, the README table and the forcing mechanisms all read this list.
 */
import type { Variant } from "../../openapi/documents.ts";
import { VARIANTS } from "../../openapi/documents.ts";
import { listResponseExamples, type ResponseExample } from "../../openapi/examples.ts";
import { DATA_RECIPES } from "./data-recipes.ts";
import { FAULTS } from "./faults.ts";
import { SPEC_DOCUMENTS } from "./spec-documents.ts";

export interface ResponseScenario {
  readonly kind: "response";
  readonly variant: Variant;
  /** The spec's example name. */
  readonly name: string;
  readonly status: number;
  readonly summary: string;
  /** Ways to reach it with real request data, in words. */
  readonly howToReach: readonly string[];
  /** Why the spec inferred it, when the vendor document does not state it. */
  readonly inferred: string | undefined;
  readonly example: ResponseExample;
}

export interface FaultScenario {
  readonly kind: "fault";
  readonly variant: Variant;
  readonly name: string;
  readonly status: null;
  readonly summary: string;
  readonly howToReach: readonly string[];
  readonly inferred: undefined;
}

export type Scenario = ResponseScenario | FaultScenario;

function responseScenarios(variant: Variant): ResponseScenario[] {
  const document = SPEC_DOCUMENTS[variant];
  const provocations = document.info["x-provocations"] ?? {};
  return listResponseExamples(document).map((example) => ({
    kind: "response",
    variant,
    name: example.name,
    status: example.status,
    summary: example.summary,
    howToReach: example.provokedBy.map(
      (word) => DATA_RECIPES[variant][word] ?? provocations[word] ?? word,
    ),
    inferred: example.inferred,
    example,
  }));
}

function faultScenarios(variant: Variant): FaultScenario[] {
  return FAULTS.map((fault) => ({
    kind: "fault",
    variant,
    name: fault.name,
    status: null,
    summary: fault.summary,
    howToReach: ["force it only (X-Mock-Scenario, forceScenario, or the control API)"],
    inferred: undefined,
  }));
}

/** Every scenario of both variants, documented responses first. */
export const SCENARIOS: readonly Scenario[] = VARIANTS.flatMap((variant) => [
  ...responseScenarios(variant),
  ...faultScenarios(variant),
]);

export function scenariosOf(variant: Variant): Scenario[] {
  return SCENARIOS.filter((scenario) => scenario.variant === variant);
}

export function findScenario(variant: Variant, name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.variant === variant && scenario.name === name);
}

/** The message for a name the catalogue does not know, listing the ones it does. */
export function unknownScenarioMessage(variant: Variant, name: string): string {
  const known = scenariosOf(variant).map((scenario) => scenario.name);
  return `[login-mock] Unknown scenario "${name}" for ${variant}. Known: ${known.join(", ")}. List them with \`login-mock scenarios\`.`;
}
