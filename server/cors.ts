/**
 * CORS for credentialed requests: an allowed origin is echoed with
 * `Access-Control-Allow-Credentials: true` (never `*`, which browsers refuse with credentials).
 * By default any `http://localhost:*` or `http://127.0.0.1:*` origin is allowed, so a dev
 * server on another port can log in and keep the Seamless cookie.
 *
 * The control API gets no CORS at all: no other page may read its answers, and its preflights
 * fail, so no other page can send it JSON or DELETE.
 */
import type { IncomingMessage } from "node:http";
import { CONTROL_PREFIX } from "./control-api.ts";

const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Headers browsers may read from our responses: which scenario answered. */
const EXPOSED = "X-Mock-Scenario, X-Mock-Fault";
const ALLOWED_REQUEST_HEADERS = "Content-Type, Prefer, X-Mock-Scenario";

export type OriginPolicy =
  | { readonly kind: "local" }
  | { readonly kind: "list"; readonly origins: readonly string[] };

export function isOriginAllowed(policy: OriginPolicy, origin: string): boolean {
  return policy.kind === "local" ? LOCAL_ORIGIN.test(origin) : policy.origins.includes(origin);
}

/** Whether the request is for the control API (`/__mock`, `//__mock/…`, `/__mock?…`). */
function isControlRequest(request: IncomingMessage): boolean {
  const path = (request.url ?? "/").replace(/^\/+/, "/").split(/[?#]/)[0] ?? "/";
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** CORS headers for a response to `request`; empty when it has no allowed Origin. */
export function corsHeaders(policy: OriginPolicy, request: IncomingMessage): [string, string][] {
  const origin = request.headers.origin;
  const headers: [string, string][] = [["vary", "Origin"]];
  if (!origin || !isOriginAllowed(policy, origin) || isControlRequest(request)) return headers;
  headers.push(
    ["access-control-allow-origin", origin],
    ["access-control-allow-credentials", "true"],
    ["access-control-expose-headers", EXPOSED],
  );
  return headers;
}

/**
 * Extra headers of a preflight answer (on top of `corsHeaders`). Only the request headers the
 * mock reads are allowed, whatever the page asks for.
 */
export function preflightHeaders(
  policy: OriginPolicy,
  request: IncomingMessage,
): [string, string][] {
  const origin = request.headers.origin;
  if (!origin || !isOriginAllowed(policy, origin) || isControlRequest(request)) return [];
  return [
    ["access-control-allow-methods", "POST, OPTIONS"],
    ["access-control-allow-headers", ALLOWED_REQUEST_HEADERS],
    ["access-control-max-age", "600"],
  ];
}
