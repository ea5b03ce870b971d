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
import { serverUrlsOf } from "../core/server-urls.ts";
import { LoginHandler, type LoginRoute } from "./login-handler.ts";
import { toLoginInput } from "./to-login-input.ts";
import { toResponse } from "./to-response.ts";

/** Where each API is served, by id: base URLs, without a trailing slash. */
export type BaseUrls = Readonly<Record<Variant, readonly string[]>>;

/**
 * The base URLs an API answers on when none are given: its spec's top-level `servers`, each
 * server variable at its `default`; a spec with no `servers` is answered at the path alone, a
 * relative URL that msw resolves against the page's origin in a browser (in Node, pass
 * `baseUrls`). Path- and operation-level `servers` are not read.
 */
export function defaultBaseUrls(api: LoginApi): readonly string[] {
  const urls = serverUrlsOf(api);
  return urls.length > 0 ? urls : [""];
}

/** The built-in APIs' spec `servers`: the vendor's host and the local standalone server. */
export const DEFAULT_BASE_URLS: BaseUrls = Object.fromEntries(
  builtInApis().map((api) => [api.id, defaultBaseUrls(api)]),
);

/**
 * A spec path as an msw path: each template segment `{name}` as msw's `:name` (its name
 * reduced to the letters, digits and underscores msw reads).
 */
export function mswPath(path: string): string {
  return path.replace(/\{([^}/]*)\}/g, (_, name: string) => {
    const word = name.replace(/\W/g, "_");
    return `:${/^[A-Za-z_]/.test(word) ? word : `p${word}`}`;
  });
}

/**
 * The URLs an API answers on: its login path and every alias its spec declares (a vendor's
 * `//auth/login`, the double-slash URL its own code examples call), on each base URL (given
 * for its id, else `defaultBaseUrls`). On a relative base a path starting `//` is left out:
 * msw would read it as a host.
 */
export function loginUrls(api: LoginApi, baseUrls: Partial<BaseUrls> = {}): string[] {
  return loginRoutes(api, baseUrls).map((route) => route.url);
}

/** `loginUrls`, each with the spec path (or alias) it serves, which the journal records. */
function loginRoutes(api: LoginApi, baseUrls: Partial<BaseUrls>): LoginRoute[] {
  // API ids are data (`constructor` is one a spec may have): own properties only.
  const given = Object.hasOwn(baseUrls, api.id) ? baseUrls[api.id] : undefined;
  const bases = given ?? defaultBaseUrls(api);
  return bases.flatMap((base) => {
    const root = base.replace(/\/+$/, "");
    return api.operation.paths
      .filter((path) => root !== "" || !path.startsWith("//"))
      .map((path) => ({ url: `${root}${mswPath(path)}`, variant: api.id, path }));
  });
}

/** The URLs of an API's refresh or logout operation, on the login's base URLs. */
function sessionRoutes(
  api: LoginApi,
  kind: "refresh" | "logout",
  paths: readonly string[],
  baseUrls: Partial<BaseUrls>,
): LoginRoute[] {
  const given = Object.hasOwn(baseUrls, api.id) ? baseUrls[api.id] : undefined;
  return (given ?? defaultBaseUrls(api)).flatMap((base) => {
    const root = base.replace(/\/+$/, "");
    // As for the login: on a relative base a `//` path would read as a host.
    return paths
      .filter((path) => root !== "" || !path.startsWith("//"))
      .map((path) => ({ url: `${root}${mswPath(path)}`, variant: api.id, path, operation: kind }));
  });
}

/**
 * One handler per login method for every URL of `apis` (see login-handler.ts: msw 2 pays for
 * each handler it passes), or none when there is no URL.
 */
function loginHandlers(
  mock: LoginMock,
  apis: readonly LoginApi[],
  baseUrls: Partial<BaseUrls>,
  override: string | null,
): HttpHandler[] {
  const byMethod = new Map<string, LoginRoute[]>();
  const add = (method: string, routes: readonly LoginRoute[]) => {
    const list = byMethod.get(method) ?? [];
    list.push(...routes);
    byMethod.set(method, list);
  };
  for (const api of apis) {
    add(api.operation.method, loginRoutes(api, baseUrls));
    for (const kind of ["refresh", "logout"] as const) {
      const operation = api[kind];
      if (operation) add(operation.method, sessionRoutes(api, kind, operation.paths, baseUrls));
    }
  }
  const handlers: HttpHandler[] = [];
  for (const [method, routes] of byMethod) {
    if (!isNonEmpty(routes)) continue;
    handlers.push(
      new LoginHandler(method, routes, async (route, request, cookies) => {
        const input = await toLoginInput(request, cookies, route.path);
        return toResponse(
          route.operation
            ? await mock.handleOperation(route.variant, route.operation, input)
            : await mock.handle(route.variant, input, override),
        );
      }),
    );
  }
  return handlers;
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}

/**
 * Handlers for the mock's APIs (or those `variants` names), answering on `baseUrls` (default:
 * each spec's servers, see `defaultBaseUrls`).
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
  return loginHandlers(mock, apis, options.baseUrls ?? {}, null);
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
  return loginHandlers(mock, [api], baseUrls, scenario);
}
