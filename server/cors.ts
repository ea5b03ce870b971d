/**
 * CORS for credentialed requests: an allowed origin is echoed with
 * `Access-Control-Allow-Credentials: true` (never `*`, which browsers refuse with credentials).
 * By default any `http://localhost:*` or `http://127.0.0.1:*` origin is allowed, so a dev
 * server on another port can log in and keep the Seamless cookie.
 */
import type { IncomingMessage } from "node:http";

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

/** CORS headers for a response to `request`; empty when it has no allowed Origin. */
export function corsHeaders(policy: OriginPolicy, request: IncomingMessage): [string, string][] {
  const origin = request.headers.origin;
  const headers: [string, string][] = [["vary", "Origin"]];
  if (!origin || !isOriginAllowed(policy, origin)) return headers;
  headers.push(
    ["access-control-allow-origin", origin],
    ["access-control-allow-credentials", "true"],
    ["access-control-expose-headers", EXPOSED],
  );
  return headers;
}

/** Extra headers of a preflight answer (on top of `corsHeaders`). */
export function preflightHeaders(
  policy: OriginPolicy,
  request: IncomingMessage,
): [string, string][] {
  const origin = request.headers.origin;
  if (!origin || !isOriginAllowed(policy, origin)) return [];
  const asked = request.headers["access-control-request-headers"];
  return [
    ["access-control-allow-methods", "POST, OPTIONS"],
    [
      "access-control-allow-headers",
      typeof asked === "string" && asked ? asked : ALLOWED_REQUEST_HEADERS,
    ],
    ["access-control-max-age", "600"],
  ];
}
