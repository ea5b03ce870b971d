/**
 * Which requests a port's login route takes, read from its API's spec: the operation's method,
 * and its path or any alias the spec's `x-login-mock.aliases` lists (a vendor's documented
 * `//auth/login`), matched exactly. A templated segment (`/tenants/{tenant}/login`) matches any
 * one non-empty segment. Nothing else is normalized: a path the spec does not list is a 404.
 */
import type { LoginApi } from "../openapi/login-api.ts";
import { isControlPath } from "./control-api.ts";

export interface LoginRoute {
  /** Upper case, as requests carry it. */
  readonly method: string;
  /** The `Allow` header of a 405 on the login path. */
  readonly allow: string;
  matches(path: string): boolean;
  /** The spec path or alias (as the spec writes it) that `path` matches, or undefined. */
  match(path: string): string | undefined;
}

export function loginRouteOf(api: LoginApi): LoginRoute {
  const exact = new Set<string>();
  const templates: { readonly path: string; readonly pattern: RegExp }[] = [];
  for (const path of api.operation.paths) {
    if (isControlPath(path) || isControlPath(controlPathOf(path))) {
      throw new Error(
        `[login-mock] ${api.source}: the login path ${path} is under /__mock, the control API's. Serve the login at another path.`,
      );
    }
    if (path.includes("{")) templates.push({ path, pattern: templateOf(path) });
    else exact.add(path);
  }
  const method = api.operation.method;
  const match = (path: string) =>
    exact.has(path) ? path : templates.find((template) => template.pattern.test(path))?.path;
  return {
    method,
    allow: method === "OPTIONS" ? method : `${method}, OPTIONS`,
    matches: (path) => match(path) !== undefined,
    match,
  };
}

/** `/a/{b}/c` → /^\/a\/[^/]+\/c$/: literal text escaped, each `{name}` one segment. */
function templateOf(path: string): RegExp {
  const parts = path.split(/\{[^}/]*\}/);
  const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[^/]+")}$`);
}

/**
 * The path a control request is routed by: the control API answers at `/__mock` on every port,
 * and also when a base URL with a trailing slash made it `//__mock`. Any other path is left as
 * it came, so a login alias such as `//auth/login` is the spec's to declare.
 */
export function controlPathOf(path: string): string {
  if (!path.startsWith("//")) return path;
  let start = 0;
  while (path.charCodeAt(start + 1) === 47) start += 1;
  const collapsed = path.slice(start);
  return isControlPath(collapsed) ? collapsed : path;
}

/** A refresh or logout operation a port serves beside its login, at its spec's fixed path. */
export interface SessionRoute {
  readonly kind: "refresh" | "logout";
  readonly method: string;
  readonly path: string;
  readonly allow: string;
}

/** The refresh and logout operations the API's spec names, at each of their paths. */
export function sessionRoutesOf(api: LoginApi): readonly SessionRoute[] {
  const routes: SessionRoute[] = [];
  for (const kind of ["refresh", "logout"] as const) {
    const operation = api[kind];
    if (!operation) continue;
    for (const path of operation.paths)
      routes.push({
        kind,
        method: operation.method,
        path,
        allow: operation.method === "OPTIONS" ? "OPTIONS" : `${operation.method}, OPTIONS`,
      });
  }
  return routes;
}
