/**
 * MSW request handlers: a thin adapter from msw's `HttpHandler` (one for all the login URLs,
 * login-handler.ts) to the runtime-free core. The same handlers serve the browser worker and
 * Node's `setupServer`. A request's `X-Mock-Session` header (or `mock-session` cookie) picks
 * its session, as on the HTTP server; in tests, a mock per test file (`createLoginMock` +
 * `createHandlers`) is the simpler isolation.
 */
import type { HttpHandler } from "msw";
import { LOGIN_PATH, VARIANTS, type Variant } from "../../openapi/documents.ts";
import type { LoginMock } from "../core/login-mock.ts";
import {
  findScenario,
  type ScenarioName,
  unknownScenarioMessage,
} from "../core/scenario-catalogue.ts";
import { SPEC_DOCUMENTS } from "../core/spec-documents.ts";
import { LoginHandler } from "./login-handler.ts";
import { toLoginInput } from "./to-login-input.ts";
import { toResponse } from "./to-response.ts";

/** Where each variant is served: base URLs, without a trailing slash. */
export type BaseUrls = Readonly<Record<Variant, readonly string[]>>;

/** The spec's `servers`: the vendor's host and the local standalone server. */
export const DEFAULT_BASE_URLS: BaseUrls = {
  talkstack: SPEC_DOCUMENTS.talkstack.servers?.map((server) => server.url) ?? [],
  seamless: SPEC_DOCUMENTS.seamless.servers?.map((server) => server.url) ?? [],
};

/**
 * The URLs a variant answers on. Seamless also answers `//auth/login`, the double-slash URL its
 * own code examples call, so they work unchanged.
 */
export function loginUrls(variant: Variant, baseUrls: BaseUrls): string[] {
  return baseUrls[variant].flatMap((base) => {
    const root = base.replace(/\/+$/, "");
    return variant === "seamless"
      ? [`${root}${LOGIN_PATH}`, `${root}/${LOGIN_PATH}`]
      : [`${root}${LOGIN_PATH}`];
  });
}

/**
 * One handler for every URL of `variants` (see login-handler.ts: msw 2 pays for each handler it
 * passes), or none when there is no URL.
 */
function loginHandlers(
  mock: LoginMock,
  variants: readonly Variant[],
  baseUrls: BaseUrls,
  override: string | null,
): HttpHandler[] {
  const routes = variants.flatMap((variant) =>
    loginUrls(variant, baseUrls).map((url) => ({ url, variant })),
  );
  if (!isNonEmpty(routes)) return [];
  return [
    new LoginHandler(routes, async (variant, request, cookies) =>
      toResponse(await mock.handle(variant, await toLoginInput(request, cookies), override)),
    ),
  ];
}

function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
  return items.length > 0;
}

/**
 * Handlers for one variant or both, answering on `baseUrls` (default: the specs' servers).
 *
 * @example
 * const mock = createLoginMock({ seed: 7 });
 * const server = setupServer(...createHandlers(mock));
 */
export function createHandlers(
  mock: LoginMock,
  options: { variants?: readonly Variant[]; baseUrls?: Partial<BaseUrls> } = {},
): HttpHandler[] {
  const baseUrls = { ...DEFAULT_BASE_URLS, ...options.baseUrls };
  return loginHandlers(mock, options.variants ?? VARIANTS, baseUrls, null);
}

/**
 * A handler override that serves `scenario` to every login of `variant` until the handlers are
 * reset; `Prefer` and `X-Mock-Scenario` on a request still win. Throws on an unknown name.
 *
 * @example
 * server.use(...forceScenarioWith(mock, "seamless", "recaptcha-failed"));
 */
export function forceScenarioWith<V extends Variant>(
  mock: LoginMock,
  variant: V,
  scenario: ScenarioName<V>,
  baseUrls: Partial<BaseUrls> = {},
): HttpHandler[] {
  if (!findScenario(variant, scenario)) throw new Error(unknownScenarioMessage(variant, scenario));
  return loginHandlers(mock, [variant], { ...DEFAULT_BASE_URLS, ...baseUrls }, scenario);
}
