/**
 * Decides which scenario a request gets, in this order:
 * 1. `Prefer: code=…, example=…` (Prism's syntax, documented responses only);
 * 2. `X-Mock-Scenario: <name>` (any scenario, faults included);
 * 3. a scenario set for the whole mock (a `forceScenario` handler, then the control API);
 * 4. nothing: the request's own data decides.
 * A name or code the catalogue does not know is a problem+json error, never a guess.
 */
import { VARIANTS, type Variant } from "../../openapi/documents.ts";
import type { MockReply } from "./mock-reply.ts";
import type { Preference } from "./prefer-header.ts";
import { problemReply } from "./problem.ts";
import {
  findScenario,
  type Scenario,
  scenariosOf,
  unknownScenarioMessage,
} from "./scenario-catalogue.ts";

export type Selection =
  | { readonly kind: "data" }
  | { readonly kind: "scenario"; readonly scenario: Scenario }
  | { readonly kind: "problem"; readonly reply: MockReply };

export interface SelectionInput {
  readonly preference: Preference;
  readonly headerScenario: string | null;
  /** From a `forceScenario` handler placed in front of the default ones. */
  readonly override: string | null;
  /** Set through the control API or `LoginMock.setScenario`. */
  readonly sticky: string | null;
}

export function selectScenario(variant: Variant, input: SelectionInput): Selection {
  const { preference } = input;
  if (preference.code !== undefined || preference.example !== undefined) {
    return selectByPreference(variant, preference);
  }
  const named = input.headerScenario?.trim() || input.override || input.sticky;
  if (!named) return { kind: "data" };
  const scenario = findScenario(variant, named);
  return scenario ? { kind: "scenario", scenario } : unknownScenario(variant, named);
}

function selectByPreference(variant: Variant, preference: Preference): Selection {
  const responses = scenariosOf(variant).filter((scenario) => scenario.kind === "response");
  const byName =
    preference.example === undefined
      ? undefined
      : responses.find((scenario) => scenario.name === preference.example);
  if (preference.example !== undefined && !byName) {
    return unknownScenario(variant, preference.example);
  }
  const scenario = byName ?? responses.find((candidate) => candidate.status === preference.code);
  if (!scenario || (preference.code !== undefined && scenario.status !== preference.code)) {
    const documented = [...new Set(responses.map((candidate) => candidate.status))].join(", ");
    const asked = `code=${preference.code}${preference.example ? `, example=${preference.example}` : ""}`;
    return {
      kind: "problem",
      reply: problemReply(
        400,
        "no-such-response",
        "No such documented response",
        `[login-mock] ${variant} documents no response for Prefer: ${asked}. Documented codes: ${documented}. List examples with \`login-mock scenarios --variant ${variant}\`.`,
        { knownScenarios: responses.map((candidate) => `${candidate.status} ${candidate.name}`) },
      ),
    };
  }
  return { kind: "scenario", scenario };
}

function unknownScenario(variant: Variant, name: string): Selection {
  return { kind: "problem", reply: unknownScenarioProblem(variant, name) };
}

/**
 * 400 for a name `variant` does not have. A name another variant has was most likely meant for
 * it (each port defaults to its own variant): say so (`otherVariants`), and how to send it
 * there: `setElsewhere` words that for the caller (the control API gives the JSON body).
 */
export function unknownScenarioProblem(
  variant: Variant,
  name: string,
  setElsewhere: (other: Variant) => string = (other) => `send it to the ${other} server`,
): MockReply {
  const elsewhere = VARIANTS.filter((other) => other !== variant && findScenario(other, name));
  const hints = elsewhere.map(
    (other) => `"${name}" is a ${other} scenario: ${setElsewhere(other)}.`,
  );
  return problemReply(
    400,
    "unknown-scenario",
    "Unknown scenario",
    [unknownScenarioMessage(variant, name), ...hints].join(" "),
    {
      knownScenarios: scenariosOf(variant).map((scenario) => scenario.name),
      ...(elsewhere.length > 0 ? { otherVariants: elsewhere } : {}),
    },
  );
}
