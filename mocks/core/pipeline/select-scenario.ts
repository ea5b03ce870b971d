/**
 * Decides which scenario a request gets, in this order:
 * 1. `Prefer: code=…, example=…` (Prism's syntax, documented responses only);
 * 2. `X-Mock-Scenario: <name>` (any scenario, faults included);
 * 3. a scenario set for the whole mock: a `forceScenario` handler, then the session's counted
 *    scenario (`setScenario(id, name, { times })`, the next n logins only), then its sticky one
 *    (the control API, `setScenario`);
 * 4. nothing: the request's own data decides.
 * A name or code the catalogue does not know is a problem+json error, never a guess.
 */
import type { LoginApi } from "../../../openapi/login-api.ts";
import {
  catalogueOf,
  type Scenario,
  scenarioOf,
  unknownScenarioMessage,
} from "../catalogue/scenario-catalogue.ts";
import type { MockReply } from "./mock-reply.ts";
import type { Preference } from "./prefer-header.ts";
import { problemReply } from "./problem.ts";

export type Selection =
  | { readonly kind: "data" }
  | { readonly kind: "scenario"; readonly scenario: Scenario }
  | { readonly kind: "problem"; readonly reply: MockReply };

export interface SelectionInput {
  readonly preference: Preference;
  readonly headerScenario: string | null;
  /** From a `forceScenario` handler placed in front of the default ones. */
  readonly override: string | null;
  /**
   * The session's counted scenario, taken for this request: only when `choosesItself` is false,
   * since a request that names its own answer takes no count.
   */
  readonly counted?: string | null;
  /** Set through the control API or `LoginMock.setScenario`. */
  readonly sticky: string | null;
}

/**
 * Whether a request picks its own answer (`Prefer: code=/example=`, `X-Mock-Scenario`) or a
 * handler forces one: then the session's counted scenario is neither used nor taken.
 */
export function choosesItself(
  preference: Preference,
  headerScenario: string | null,
  override: string | null,
): boolean {
  return (
    preference.code !== undefined ||
    preference.example !== undefined ||
    Boolean(headerScenario?.trim()) ||
    Boolean(override)
  );
}

/** `others`: the mock's other APIs, named in the hint when a scenario belongs to one of them. */
export function selectScenario(
  api: LoginApi,
  input: SelectionInput,
  others: readonly LoginApi[] = [],
): Selection {
  const { preference } = input;
  if (preference.code !== undefined || preference.example !== undefined) {
    return selectByPreference(api, preference, others);
  }
  const named = input.headerScenario?.trim() || input.override || input.counted || input.sticky;
  if (!named) return { kind: "data" };
  const scenario = scenarioOf(api, named);
  return scenario ? { kind: "scenario", scenario } : unknownScenario(api, named, others);
}

function selectByPreference(
  api: LoginApi,
  preference: Preference,
  others: readonly LoginApi[],
): Selection {
  const variant = api.id;
  const responses = catalogueOf(api).filter((scenario) => scenario.kind === "response");
  const byName =
    preference.example === undefined
      ? undefined
      : responses.find((scenario) => scenario.name === preference.example);
  if (preference.example !== undefined && !byName) {
    return unknownScenario(api, preference.example, others);
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

function unknownScenario(api: LoginApi, name: string, others: readonly LoginApi[]): Selection {
  return { kind: "problem", reply: unknownScenarioProblem(api, name, others) };
}

/**
 * 400 for a name `variant` does not have. A name another variant has was most likely meant for
 * it (each port defaults to its own variant): say so (`otherVariants`), and how to send it
 * there: `setElsewhere` words that for the caller (the control API gives the JSON body).
 */
export function unknownScenarioProblem(
  api: LoginApi,
  name: string,
  others: readonly LoginApi[],
  setElsewhere: (other: string) => string = (other) => `send it to the ${other} server`,
): MockReply {
  const elsewhere = others
    .filter((other) => other !== api && scenarioOf(other, name))
    .map((other) => other.id);
  const hints = elsewhere.map(
    (other) => `"${name}" is a scenario of ${other}: ${setElsewhere(other)}.`,
  );
  return problemReply(
    400,
    "unknown-scenario",
    "Unknown scenario",
    [unknownScenarioMessage(api, name), ...hints].join(" "),
    {
      knownScenarios: catalogueOf(api).map((scenario) => scenario.name),
      ...(elsewhere.length > 0 ? { otherVariants: elsewhere } : {}),
    },
  );
}
