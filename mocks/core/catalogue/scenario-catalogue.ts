/**
 * Every scenario a login API can serve, derived from its spec: one per named response example
 * (same name, same status), plus the network faults. The CLI's `scenarios` command, the control
 * panel, the README table and the forcing mechanisms all read this list.
 */
import type { Variant } from "../../../openapi/documents.ts";
import type { ResponseExample } from "../../../openapi/examples.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
import type { PresetId } from "../../../presets/ids.ts";
import { builtInApis } from "../../../presets/index.ts";
import type { ResponseExampleName } from "../../../presets/types.ts";
import { FAULTS, type FaultName } from "../pipeline/faults.ts";
import { describeProvocation } from "./data-recipes.ts";

/**
 * A scenario name an API has: one of its spec's response examples (checked by the compiler for
 * a preset), or a network fault. For a spec read at run time, any string, checked at run time.
 *
 * @example
 * const name: ScenarioName<"my-login"> = "account-locked";
 */
export type ScenarioName<V extends Variant = Variant> = ResponseExampleName<V> | FaultName;

/** The scenario each API's sessions start with (`createLoginMock({ scenarios })`), by API id. */
export type StartScenarios = { readonly [V in PresetId]?: ScenarioName<V> } & {
  readonly [id: string]: string | undefined;
};

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

const catalogues = new WeakMap<LoginApi, readonly Scenario[]>();

/** Every scenario of `api`, documented responses first; worked out once per API. */
export function catalogueOf(api: LoginApi): readonly Scenario[] {
  let catalogue = catalogues.get(api);
  if (!catalogue) {
    catalogue = [...responseScenarios(api), ...faultScenarios(api)];
    catalogues.set(api, catalogue);
  }
  return catalogue;
}

/** `api`'s scenario by name, or undefined. */
export function scenarioOf(api: LoginApi, name: string): Scenario | undefined {
  return catalogueOf(api).find((scenario) => scenario.name === name);
}

function responseScenarios(api: LoginApi): ResponseScenario[] {
  return api.examples.map((example) => ({
    kind: "response",
    variant: api.id,
    name: example.name,
    status: example.status,
    summary: example.summary,
    howToReach: example.provokedBy.map((word) => describeProvocation(api, word, example.name)),
    inferred: example.inferred,
    example,
  }));
}

function faultScenarios(api: LoginApi): FaultScenario[] {
  return FAULTS.map((fault) => ({
    kind: "fault",
    variant: api.id,
    name: fault.name,
    status: null,
    summary: fault.summary,
    howToReach: ["force it only (X-Mock-Scenario, forceScenario, or the control API)"],
    inferred: undefined,
  }));
}

/** The message for a name the catalogue does not know, listing the ones it does. */
export function unknownScenarioMessage(api: LoginApi, name: string): string {
  const known = catalogueOf(api).map((scenario) => scenario.name);
  return `[login-mock] Unknown scenario "${name}" for ${api.id}. Known: ${known.join(", ")}. List them with \`login-mock scenarios\`.`;
}

// The built-in presets' catalogue, for the package's top-level helpers that name an API by id.
// For any API (a spec of your own): catalogueOf(mock.api(id)) and scenarioOf(mock.api(id), name).

/** Every scenario of the built-in APIs, documented responses first. */
export const SCENARIOS: readonly Scenario[] = builtInApis().flatMap(catalogueOf);

function builtIn(variant: string): LoginApi | undefined {
  return builtInApis().find((api) => api.id === variant);
}

/** A built-in API's scenarios (empty for an id no preset has). */
export function scenariosOf<V extends Variant>(variant: V): Scenario<V>[] {
  const api = builtIn(variant);
  return api ? ([...catalogueOf(api)] as Scenario<V>[]) : [];
}

export function findScenario<V extends Variant>(variant: V, name: string): Scenario<V> | undefined {
  const api = builtIn(variant);
  return api ? (scenarioOf(api, name) as Scenario<V> | undefined) : undefined;
}

/**
 * Tells whether `name` is one of a built-in API's scenarios, so a name read at run time (a
 * flag, an environment variable, a request) can be passed where a `ScenarioName` is expected.
 *
 * @example
 * const name = process.env.SCENARIO ?? "success";
 * if (isScenarioName("my-login", name)) server.use(...forceScenario("my-login", name));
 */
export function isScenarioName<V extends Variant>(
  variant: V,
  name: string,
): name is ScenarioName<V> {
  return findScenario(variant, name) !== undefined;
}
