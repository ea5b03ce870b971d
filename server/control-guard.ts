/**
 * Keeps other web pages out of the control API. A page elsewhere can still make the browser
 * send requests here (a form, a `no-cors` fetch, a DNS-rebound name), so the control API
 * answers only to this machine's host names, changes state only for its own origin or for
 * clients that send no Origin (curl, tests), and takes only JSON bodies (see control-api.ts).
 * It sends no CORS headers (see cors.ts), so no other page can read what it says.
 */
import type { IncomingMessage } from "node:http";
import { type MockReply, problemReply, withHeaders } from "../mocks/core/index.ts";
import { type AllowedHosts, hostNameOf, isHostAllowed } from "./host-check.ts";

/** Sent with every control reply: never sniff a JSON reply into HTML, never cache state. */
const CONTROL_HEADERS: readonly (readonly [string, string])[] = [
  ["x-content-type-options", "nosniff"],
  ["cache-control", "no-store"],
];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A 403 reply when `request` must not use the control API; undefined when it may. */
export function refuseForeignControl(
  request: IncomingMessage,
  allowedHosts: AllowedHosts = [],
): MockReply | undefined {
  const { host, origin } = request.headers;
  if (!isHostAllowed(host, allowedHosts)) return hostRefused(host);
  if (SAFE_METHODS.has(request.method ?? "GET")) return undefined;
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || (origin !== undefined && !isOwnOrigin(origin, host ?? ""))) {
    const from = origin === undefined ? "another site" : `origin ${JSON.stringify(origin)}`;
    return crossSiteRefused(request.method ?? "", from, host);
  }
  return undefined;
}

/**
 * Whether `origin` is this server as the request's (already checked) Host names it. Any
 * scheme: behind a TLS-terminating proxy the panel's origin is https while we serve http.
 */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const page = new URL(origin);
    if (page.origin !== origin || !/^https?:$/.test(page.protocol)) return false;
    return new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false; // `null` (sandboxed frames, file: pages) and garbage
  }
}

function hostRefused(host: string | undefined): MockReply {
  const shown = host === undefined ? "no Host header" : `Host ${JSON.stringify(host)}`;
  return withControlHeaders(
    problemReply(
      403,
      "control-host-not-allowed",
      "Host not allowed for the control API",
      `[login-mock] The control API refused a request with ${shown}: it answers only to this machine's names (localhost, 127.0.0.1, [::1]), so a web page cannot reach it through DNS rebinding. To use it under another name, start the server with --allowed-hosts ${hostNameOf(host) ?? "NAME"} (or LOGIN_MOCK_ALLOWED_HOSTS).`,
    ),
  );
}

function crossSiteRefused(method: string, from: string, host: string | undefined): MockReply {
  // `from` is "origin "…"" or "another site" (Sec-Fetch-Site: cross-site without an Origin).
  return withControlHeaders(
    problemReply(
      403,
      "control-cross-site",
      "Cross-site control request refused",
      `[login-mock] The control API refused ${method} from ${from}: only its own control panel (http://${host}/__mock/) and clients that send no Origin (curl, test code) may change the mock. Use the panel, or call the control API from a script.`,
    ),
  );
}

/** `reply` with CONTROL_HEADERS added. */
export function withControlHeaders(reply: MockReply): MockReply {
  return withHeaders(reply, CONTROL_HEADERS);
}
