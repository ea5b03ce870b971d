/**
 * The server's own errors, as problem+json replies (see mocks/core/pipeline/problem.ts). Each names
 * itself in `X-Mock-Scenario` by its type's slug (`body-too-large`), as every reply the mock
 * serves names what it serves.
 */

import { problemReply, withHeaders } from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { HELD_RETRY_AFTER_SECONDS } from "./held-work.ts";

/** `POST /auth/login`, and its aliases: the login route a port serves, as its spec gives it. */
export function loginRouteText(api: LoginApi): string {
  const [path, ...aliases] = api.operation.paths;
  const also = aliases.length === 0 ? "" : ` (also ${aliases.join(", ")})`;
  const others = [api.refresh, api.logout]
    .filter((operation) => operation !== undefined)
    .map((operation) => `, ${operation.method} ${operation.path}`)
    .join("");
  return `${api.operation.method} ${path}${also}${others}`;
}

/** A path this port does not serve; `api` is the login API the port serves. */
export const notFound = (method: string, path: string, api: LoginApi) =>
  problemReply(
    404,
    "no-such-route",
    "No such route",
    `[login-mock] ${method} ${path} is not served. This port serves ${loginRouteText(api)} (${api.title}), and its control API under /__mock/ (open /__mock/ in a browser).`,
  );

/** RFC 9110 §15.5.6: a 405 carries `Allow`, in its headers and not only in its body. */
export const methodNotAllowed = (method: string, path: string, allow: string) =>
  withHeaders(
    problemReply(
      405,
      "method-not-allowed",
      "Method not allowed",
      `[login-mock] ${method} is not allowed on ${path}. Use ${allow}.`,
      { allow },
    ),
    [["allow", allow]],
  );

export const bodyTooLarge = (limitBytes: number) =>
  problemReply(
    413,
    "body-too-large",
    "Request body too large",
    `[login-mock] The request body is larger than ${limitBytes} bytes. A login body is a few hundred bytes; send only the fields the login's schema lists.`,
    { limitBytes },
  );

export const remoteControlRefused = () =>
  problemReply(
    403,
    "control-api-loopback-only",
    "Control API is loopback-only",
    "[login-mock] The control API answers only on loopback. Start the server with --allow-remote-control to open it to other hosts.",
  );

export const internalError = () =>
  problemReply(
    500,
    "mock-internal-error",
    "The mock failed",
    "[login-mock] The mock itself failed on this request (this is not a vendor response). The server keeps running; please report it with the request that caused it.",
  );

export const tooMuchHeldWork = (limit: number) => {
  const reply = problemReply(
    503,
    "too-much-held-work",
    "Too many held or delayed replies",
    `[login-mock] ${limit} replies are already held or delayed (no-response, slow-response, Prefer: delay, --delay), the most this server holds at once. Retry after ${HELD_RETRY_AFTER_SECONDS} s, or let the held requests time out or close their connections.`,
    { limit },
  );
  // Closing frees the connection at once for a client that would otherwise sit idle on it.
  return withHeaders(reply, [
    ["retry-after", String(HELD_RETRY_AFTER_SECONDS)],
    ["connection", "close"],
  ]);
};

/**
 * The request past the per-connection pipeline cap. It leaves after the replies in flight
 * ahead of it (replies go out in order), and the connection closes with it.
 */
export const tooManyInFlight = (limit: number) =>
  withHeaders(
    problemReply(
      503,
      "too-many-pipelined-requests",
      "Too many pipelined requests on one connection",
      `[login-mock] ${limit} requests were already in flight on this connection, the most the server takes on one. The ones ahead of this were answered; send the rest on a new connection, or wait for each reply before sending the next.`,
      { limit },
    ),
    [["connection", "close"]],
  );
