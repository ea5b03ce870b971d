/**
 * Every scenario the mock can serve, declared once: one per named response example in the
 * specs (same name, same status), plus the network faults. The CLI's `scenarios` command, the
 * control panel, the README table and the forcing mechanisms all read this list.
 */
import type { Variant } from "../../openapi/documents.ts";
import { VARIANTS } from "../../openapi/documents.ts";
import { listResponseExamples, type ResponseExample } from "../../openapi/examples.ts";
import type { ResponseExampleName } from "../../openapi/types.ts";
import { DATA_RECIPES } from "./data-recipes.ts";
import { FAULTS, type FaultName } from "./faults.ts";
import { SPEC_DOCUMENTS } from "./spec-documents.ts";

/**
 * A scenario name `variant` has: one of its spec's response examples (generated from the YAML),
 * or a network fault. For the union `Variant`, a name either variant has, checked at run time.
 *
 * @example
 * const name: ScenarioName<"seamless"> = "recaptcha-failed";
 */
export type ScenarioName<V extends Variant = Variant> = ResponseExampleName<V> | FaultName;

/** The scenario each variant's sessions start with (`createLoginMock({ scenarios })`). */
export type StartScenarios = { readonly [V in Variant]?: ScenarioName<V> };

export interface ResponseScenario<V extends Variant = Variant> {
  readonly kind: "response";
  readonly variant: V;
  /** The spec's example name. */
  readonly name: ResponseExampleName<V>;
  readonly status: number;
  readonly summary: string;
  /** Ways to reach it with real request data, in words. */
  readonly howToReach: readonly string[];
  /** Why the spec inferred it, when the vendor document does not state it. */
  readonly inferred: string | undefined;
  readonly example: ResponseExample;
}

export interface FaultScenario<V extends Variant = Variant> {
  readonly kind: "fault";
  readonly variant: V;
  readonly name: FaultName;
  readonly status: null;
  readonly summary: string;
  readonly howToReach: readonly string[];
  readonly inferred: undefined;
}

export type Scenario<V extends Variant = Variant> = ResponseScenario<V> | FaultScenario<V>;

function responseScenarios<V extends Variant>(variant: V): ResponseScenario<V>[] {
  const document = SPEC_DOCUMENTS[variant];
  const provocations = document.info["x-provocations"] ?? {};
  return listResponseExamples(document).map((example) => ({
    kind: "response",
    variant,
    // The generated `ResponseExamples` holds these very names: the staleness test
    // (test/generated-files.test.ts) fails while they differ from the YAML.
    name: example.name as ResponseExampleName<V>,
    status: example.status,
    summary: example.summary,
    howToReach: example.provokedBy.map(
      (word) => DATA_RECIPES[variant][word] ?? provocations[word] ?? word,
    ),
    inferred: example.inferred,
    example,
  }));
}

function faultScenarios<V extends Variant>(variant: V): FaultScenario<V>[] {
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

export function scenariosOf<V extends Variant>(variant: V): Scenario<V>[] {
  return SCENARIOS.filter((scenario): scenario is Scenario<V> => scenario.variant === variant);
}

export function findScenario<V extends Variant>(variant: V, name: string): Scenario<V> | undefined {
  return SCENARIOS.find(
    (scenario): scenario is Scenario<V> => scenario.variant === variant && scenario.name === name,
  );
}

/**
 * Tells whether `name` is one of `variant`'s scenarios, so a name read at run time (a flag, an
 * environment variable, a request) can be passed where a `ScenarioName` is expected.
 *
 * @example
 * const name = process.env.SCENARIO ?? "success";
 * if (isScenarioName("seamless", name)) server.use(...forceScenario("seamless", name));
 */
export function isScenarioName<V extends Variant>(
  variant: V,
  name: string,
): name is ScenarioName<V> {
  return findScenario(variant, name) !== undefined;
}

/** The message for a name the catalogue does not know, listing the ones it does. */
export function unknownScenarioMessage(variant: Variant, name: string): string {
  const known = scenariosOf(variant).map((scenario) => scenario.name);
  return `[login-mock] Unknown scenario "${name}" for ${variant}. Known: ${known.join(", ")}. List them with \`login-mock scenarios\`.`;
}
