/**
 * The package's ready-made mock: the built-in APIs, seed 1, the system clock, the documented
 * token lifetimes, and MSW handlers on each spec's servers. Its own module so the presets'
 * conveniences (presets/handlers.ts) and the entry points share one instance.
 */
import type { Variant } from "../openapi/documents.ts";
import { createLoginMock, type ScenarioName } from "./core/index.ts";
import { type BaseUrls, createHandlers, forceScenarioWith } from "./msw/handlers.ts";

/** The mock behind `handlers`. */
export const defaultMock = createLoginMock();

/** Handlers for every built-in API on its spec's servers, backed by `defaultMock`. */
export const handlers = createHandlers(defaultMock);

/** `forceScenarioWith(defaultMock, …)`: an override for `server.use(...)` / `worker.use(...)`. */
export function forceScenario<V extends Variant>(
  variant: V,
  scenario: ScenarioName<V>,
  baseUrls?: Partial<BaseUrls>,
) {
  return forceScenarioWith(defaultMock, variant, scenario, baseUrls);
}
