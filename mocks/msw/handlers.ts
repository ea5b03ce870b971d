/**
 * MSW request handlers: a thin adapter from msw's `HttpHandler` (one for all the login URLs,
 * login-handler.ts) to the runtime-free core. The same handlers serve the browser worker and
 * Node's `setupServer`. A request's `X-Mock-Session` header (or `mock-session` cookie) picks
 * its session, as on the HTTP server; in tests, a mock per test file (`createLoginMock` +
 * `createHandlers`) is the simpler isolation.
 */
import type { HttpHandler } from "msw";
import type { Variant } from "../../openapi/documents.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import { builtInApis } from "../../presets/index.ts";
import {
  type LoginMock,
  type ScenarioName,
  scenarioOf,
  unknownScenarioMessage,
} from "../core/index.ts";
import { LoginHandler, type LoginRoute } from "./login-handler.ts";
import { toLoginInput } from "./to-login-input.ts";
import { toResponse } from "./to-response.ts";

/** Where each API is served, by id: base URLs, without a trailing slash. */
export type BaseUrls = Readonly<Record<Variant, readonly string[]>>;

/** The built-in APIs' spec `servers`: the vendor's host and the local standalone server. */
export const DEFAULT_BASE_URLS: BaseUrls = Object.fromEntries(
  builtInApis().map((api) => [api.id, api.operation.servers]),
);

/**
 * The URLs an API answers on: its login path and every alias its spec declares (a vendor's
 * `//auth/login`, the double-slash URL its own code examples call), on each base URL.
 */
export function loginUrls(api: LoginApi, baseUrls: BaseUrls): string[] {
  const bases = baseUrls[api.id] ?? api.operation.servers;
  return bases.flatMap((base) => {
    const root = base.replace(/\/+$/, "");
    return api.operation.paths.map((path) => `${root}${path}`);
  });
}

/**
 * One handler per login method for every URL of `apis` (see login-handler.ts: msw 2 pays for
 * each handler it passes), or none when there is no URL.
 */
function loginHandlers(
  mock: LoginMock,
  apis: readonly LoginApi[],
  baseUrls: BaseUrls,
  override: string | null,
): HttpHandler[] {
  const byMethod = new Map<string, LoginRoute[]>();
  for (const api of apis) {
    const routes = byMethod.get(api.operation.method) ?? [];
    for (const url of loginUrls(api, baseUrls)) routes.push({ url, variant: api.id });
    byMethod.set(api.operation.method, routes);
  }
  const handlers: HttpHandler[] = [];
  for (const [method, routes] of byMethod) {
    if (!isNonEmpty(routes)) continue;
    handlers.push(
      new LoginHandler(method, routes, async (variant, request, cookies) =>
        toResponse(await mock.handle(variant, await toLoginInput(request, cookies), override)),
      ),
    );
  }
  return handlers;
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}

/**
 * Handlers for the mock's APIs (or those `variants` names), answering on `baseUrls` (default:
 * each spec's servers).
 *
 * @example
 * const mock = createLoginMock({ seed: 7 });
 * const server = setupServer(...createHandlers(mock));
 */
export function createHandlers(
  mock: LoginMock,
  options: { variants?: readonly Variant[]; baseUrls?: Partial<BaseUrls> } = {},
): HttpHandler[] {
  const apis = options.variants?.map((id) => mock.api(id)) ?? mock.apis;
  return loginHandlers(mock, apis, baseUrlsOf(mock, options.baseUrls), null);
}

/**
 * A handler override that serves `scenario` to every login of `variant` until the handlers are
 * reset; `Prefer` and `X-Mock-Scenario` on a request still win. Throws on an unknown name.
 *
 * @example
 * server.use(...forceScenarioWith(mock, "my-login", "account-locked"));
 */
export function forceScenarioWith<V extends Variant>(
  mock: LoginMock,
  variant: V,
  scenario: ScenarioName<V>,
  baseUrls: Partial<BaseUrls> = {},
): HttpHandler[] {
  const api = mock.api(variant);
  if (!scenarioOf(api, scenario)) throw new Error(unknownScenarioMessage(api, scenario));
  return loginHandlers(mock, [api], baseUrlsOf(mock, baseUrls), scenario);
}

function baseUrlsOf(mock: LoginMock, given: Partial<BaseUrls> = {}): BaseUrls {
  const urls: Record<string, readonly string[]> = {};
  for (const api of mock.apis) urls[api.id] = given[api.id] ?? api.operation.servers;
  return urls;
}
