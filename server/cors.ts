/**
 * CORS for credentialed requests: an allowed origin is echoed with
 * `Access-Control-Allow-Credentials: true` (never `*`, which browsers refuse with credentials).
 * By default any `http://localhost:*` or `http://127.0.0.1:*` origin is allowed, so a dev
 * server on another port can log in and keep a token cookie.
 *
 * The control API gets no CORS, so no other page may read its answers, and its preflights
 * fail, so no other page can send it JSON or DELETE. One exception: `GET /__mock/whoami` has
 * the login's policy, because it only describes the credential the caller itself sent and
 * changes nothing; a sample app on another port calls it with `credentials: "include"`.
 */
import { controlRoute, isControlPath, WHOAMI_ROUTE } from "./control-api.ts";

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Headers browsers may read from our responses: which scenario answered. */
const EXPOSED = "X-Mock-Scenario, X-Mock-Fault";
// Authorization: a logout revokes the bearer token it is sent (a login ignores it).
const LOGIN_ALLOW_HEADERS = "Authorization, Content-Type, Prefer, X-Mock-Scenario, X-Mock-Session";
const WHOAMI_PREFLIGHT: readonly [string, string][] = [
  ["access-control-allow-methods", "GET, OPTIONS"],
  ["access-control-allow-headers", "Authorization, X-Mock-Session"],
  ["access-control-max-age", "600"],
];

export type OriginPolicy =
  | { readonly kind: "local" }
  | { readonly kind: "list"; readonly origins: readonly string[] };

export function isOriginAllowed(policy: OriginPolicy, origin: string): boolean {
  return policy.kind === "local" ? LOCAL_ORIGIN.test(origin) : policy.origins.includes(origin);
}

export type CorsRoute = "login" | "whoami" | "none";

/**
 * Which CORS policy a request gets, from the path the server routes it by: whoami's, none
 * (the rest of the control API), or the login's (everything else, 404s included).
 */
export function corsRouteOf(path: string): CorsRoute {
  if (!isControlPath(path)) return "login";
  return controlRoute(path) === WHOAMI_ROUTE ? "whoami" : "none";
}

/**
 * CORS headers for a response on `route`; only `Vary` when it has no allowed Origin.
 * `exposeAlso`: response headers a page must read besides the mock's own, such as the header
 * a spec puts its token in.
 */
export function corsHeaders(
  policy: OriginPolicy,
  route: CorsRoute,
  origin: string | null,
  exposeAlso: readonly string[] = [],
): [string, string][] {
  const headers: [string, string][] = [["vary", "Origin"]];
  if (!origin || route === "none" || !isOriginAllowed(policy, origin)) return headers;
  headers.push(
    ["access-control-allow-origin", origin],
    ["access-control-allow-credentials", "true"],
    ["access-control-expose-headers", [EXPOSED, ...exposeAlso].join(", ")],
  );
  return headers;
}

/**
 * Extra headers of a preflight answer (on top of `corsHeaders`). Only the request headers the
 * mock reads are allowed, whatever the page asks for; `loginMethods` are the login route's
 * (its spec's method, and OPTIONS).
 */
export function preflightHeaders(
  policy: OriginPolicy,
  route: CorsRoute,
  origin: string | null,
  loginMethods = "POST, OPTIONS",
): [string, string][] {
  if (!origin || route === "none" || !isOriginAllowed(policy, origin)) return [];
  if (route === "whoami") return [...WHOAMI_PREFLIGHT];
  return [
    ["access-control-allow-methods", loginMethods],
    ["access-control-allow-headers", LOGIN_ALLOW_HEADERS],
    ["access-control-max-age", "600"],
  ];
}
