/**
 * The standalone HTTP server: plain `node:http` in front of the runtime-free core, one server
 * per login API (each real API has its own host, so each gets its own port). Its login route
 * is the spec's method and paths (login-route.ts). It adds only what real HTTP needs: body
 * limits, CORS, the control API, timeouts, logging, and bounds on what one client can make it
 * hold (held-work.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { jsonReply, type LoginMock, type MockReply, SCENARIO_HEADER } from "../mocks/core/index.ts";
import { handleControl, isLoopback } from "./control-api.ts";
import { refuseForeignControl } from "./control-guard.ts";
import {
  type CorsRoute,
  corsHeaders,
  corsRouteOf,
  type OriginPolicy,
  preflightHeaders,
} from "./cors.ts";
import { createHeldWork, type HeldWork } from "./held-work.ts";
import type { AllowedHosts } from "./host-check.ts";
import { controlPathOf, loginRouteOf, sessionRoutesOf } from "./login-route.ts";
import {
  bodyTooLarge,
  internalError,
  methodNotAllowed,
  notFound,
  remoteControlRefused,
  tooManyInFlight,
} from "./problems.ts";
import { DEFAULT_BODY_LIMIT, readBody } from "./read-body.ts";
import { type RequestHeaders, requestHeaders } from "./request-headers.ts";
import { loggablePath, type RequestLogger } from "./request-log.ts";
import { sendReply } from "./send-reply.ts";

export interface MockServerOptions {
  /** The id of the login API this port serves: one of `mock.apis`. */
  readonly variant: string;
  readonly mock: LoginMock;
  readonly originPolicy?: OriginPolicy;
  readonly log?: RequestLogger;
  /** Let hosts other than this machine use the control API. Off by default. */
  readonly allowRemoteControl?: boolean;
  /**
   * Host names besides this machine's (localhost, 127.x, [::1]) that may use the control
   * API, such as a docker service name; `true` allows any, which lets DNS rebinding in.
   */
  readonly allowedHosts?: AllowedHosts;
  /**
   * The largest request body taken. Default: the login's spec (`x-body-limit-bytes` on the
   * response that refuses a large body) for the login route, else DEFAULT_BODY_LIMIT.
   */
  readonly bodyLimitBytes?: number;
  /** How long a client may take to send its headers / its whole request. */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Bounds connections and held replies; `startServers` shares one among its servers. */
  readonly heldWork?: HeldWork;
}

/**
 * Every port's public keys (RS256/ES256 mocks; an empty set for HS256), as a BFF's JWKS client
 * fetches them. Not under /__mock: it is what a real issuer publishes, read by servers.
 */
export const JWKS_PATH = "/.well-known/jwks.json";

/** A slow client gets this long to send its headers, and its whole request. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** A keep-alive connection may rest this long between requests. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export function createMockServer(options: MockServerOptions): Server {
  const { variant, mock } = options;
  const api = mock.api(variant);
  const login = loginRouteOf(api);
  const sessionRoutes = sessionRoutesOf(api);
  /** The `Allow` of `path`: the methods of the login and the refresh or logout served there. */
  const allowAt = (path: string) => {
    const methods = sessionRoutes
      .filter((candidate) => candidate.path === path)
      .map((candidate) => candidate.method);
    if (login.matches(path)) methods.unshift(login.method);
    return methods.length === 0 ? login.allow : [...new Set([...methods, "OPTIONS"])].join(", ");
  };
  const policy = options.originPolicy ?? { kind: "local" };
  const log = options.log?.off ? undefined : options.log;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const loginLimit = options.bodyLimitBytes ?? api.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  // A page reads a token its spec puts in a response header only if CORS exposes it.
  const placement = api.token.placement;
  const exposeAlso = placement.in === "header" ? [placement.header] : [];
  const heldWork = options.heldWork ?? createHeldWork();

  async function route(
    request: IncomingMessage,
    path: string,
    corsRoute: CorsRoute,
    headers: RequestHeaders,
  ): Promise<MockReply | "preflight" | "aborted"> {
    const method = request.method ?? "GET";
    if (corsRoute !== "login") {
      if (!options.allowRemoteControl && !isLoopback(request)) return remoteControlRefused();
      const refused = refuseForeignControl(request, options.allowedHosts);
      if (refused) return refused;
      const body =
        method === "PUT" || method === "POST"
          ? await readBody(request, limit, headers.contentLength)
          : { kind: "ok" as const, text: "" };
      if (body.kind === "aborted") return "aborted";
      if (body.kind === "too-large") return bodyTooLarge(limit);
      // whoami is the one control route other local pages may call (see cors.ts).
      if (method === "OPTIONS" && corsRoute === "whoami") return "preflight";
      return handleControl(variant, mock, {
        method,
        path,
        bodyText: body.text,
        contentType: headers.contentType,
        query: queryOf(request.url),
        session: headers.session,
        cookie: headers.cookie,
        authorization: headers.authorization,
      });
    }
    if (path === JWKS_PATH) {
      if (method === "OPTIONS") return "preflight";
      if (method !== "GET") return methodNotAllowed(method, path, "GET, OPTIONS");
      return jsonReply(200, await mock.jwks(), [["cache-control", "no-store"]]);
    }
    const specPath = login.match(path);
    // A refresh or logout may share the login's path with another method (DELETE /sessions);
    // a login itself looks no further.
    const operation =
      specPath !== undefined && method === login.method
        ? undefined
        : sessionRoutes.find((candidate) => candidate.path === path && candidate.method === method);
    if (specPath === undefined && !sessionRoutes.some((candidate) => candidate.path === path))
      return notFound(method, path, api);
    if (method === "OPTIONS") return "preflight";
    if (operation) {
      const body = await readBody(request, loginLimit, headers.contentLength);
      if (body.kind === "aborted") return "aborted";
      if (body.kind === "too-large") return bodyTooLarge(loginLimit);
      return mock.handleOperation(variant, operation.kind, {
        contentType: headers.contentType,
        bodyText: body.text,
        prefer: headers.prefer,
        scenario: null,
        session: headers.session,
        cookie: headers.cookie,
        authorization: headers.authorization,
      });
    }
    if (specPath === undefined || method !== login.method)
      return methodNotAllowed(method, path, allowAt(path));
    const body = await readBody(request, loginLimit, headers.contentLength);
    if (body.kind === "aborted") return "aborted";
    if (body.kind === "too-large") return bodyTooLarge(loginLimit);
    return mock.handle(variant, {
      contentType: headers.contentType,
      bodyText: body.text,
      prefer: headers.prefer,
      scenario: headers.scenario,
      session: headers.session,
      cookie: headers.cookie,
      path: specPath,
    });
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = log ? performance.now() : 0;
    const method = request.method ?? "GET";
    const path = controlPathOf(loggablePath(request.url));
    let scenario: string | null = null;
    const done = (status: number | string) =>
      log?.({
        variant,
        method,
        path,
        status,
        scenario,
        ms: Math.round(performance.now() - started),
      });
    const { socket } = request;
    // The rest of a pipelined burst already parsed when we closed its socket.
    if (socket.destroyed) return;
    const admission = heldWork.admit(socket);
    if (admission !== "admitted") {
      // Too deep a pipeline (MAX_REQUESTS_PER_SOCKET): the requests already in flight are
      // answered in order, then this one 503, and the connection closes. Those parsed after it
      // are never written, since the connection closes first.
      if (admission === "dropped") return done("dropped");
      sendReply(
        request,
        response,
        tooManyInFlight(heldWork.limits.maxRequestsPerSocket),
        [],
        done,
        heldWork,
      );
      return;
    }
    response.once("finish", () => heldWork.finish(socket));
    const headers = requestHeaders(request);
    const corsRoute = corsRouteOf(path);
    const cors = corsHeaders(
      policy,
      corsRoute,
      headers.origin,
      corsRoute === "login" ? exposeAlso : [],
    );
    let outcome: MockReply | "preflight" | "aborted";
    try {
      outcome = await route(request, path, corsRoute, headers);
    } catch {
      outcome = internalError();
    }
    if (outcome === "aborted") return done("aborted");
    if (outcome === "preflight") {
      response.writeHead(
        204,
        Object.fromEntries([
          ...cors,
          ...preflightHeaders(policy, corsRoute, headers.origin, allowAt(path)),
        ]),
      );
      response.end();
      return done(204);
    }
    if (log && outcome.kind === "response") scenario = servedScenario(outcome.headers);
    // A body we did not read (413, early errors) must not be parsed as the next request.
    if (!request.complete) cors.push(["connection", "close"]);
    sendReply(request, response, outcome, cors, done, heldWork);
  }

  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => void onRequest(request, response),
  );
  server.on("connection", (socket: Socket) => {
    if (!heldWork.connect(socket)) socket.destroy();
  });
  // A malformed or too slow request: answer as Node itself would (408 for a timeout, 431 for
  // huge headers, else 400) and close, never throw.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
    const [status, name] = CLIENT_ERROR_STATUS[error.code ?? ""] ?? [
      "400 Bad Request",
      "malformed-request",
    ];
    socket.end(
      `HTTP/1.1 ${status}\r\n${SCENARIO_HEADER}: ${name}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
    );
  });
  return server;
}

/**
 * What a reply names as served: its last `x-mock-scenario` header. The core adds that header
 * after every other, so a response header of the spec's own by that name (a token header, say)
 * comes before it and is never logged as the scenario.
 */
function servedScenario(headers: readonly (readonly [string, string])[]): string | null {
  for (let index = headers.length - 1; index >= 0; index--) {
    const header = headers[index];
    if (header?.[0] === SCENARIO_HEADER) return header[1];
  }
  return null;
}

/**
 * The status line for each client error Node reports by code, and the name X-Mock-Scenario
 * gives it; anything else is a 400 `malformed-request`.
 */
const CLIENT_ERROR_STATUS: Readonly<Record<string, readonly [string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: ["408 Request Timeout", "request-timeout"],
  HPE_HEADER_OVERFLOW: ["431 Request Header Fields Too Large", "headers-too-large"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: ["413 Payload Too Large", "chunk-extensions-too-large"],
};

/** The query string of a request target, without its `?` (and never its fragment). */
function queryOf(url: string | undefined): string {
  const target = url?.split("#")[0] ?? "";
  const mark = target.indexOf("?");
  return mark === -1 ? "" : target.slice(mark + 1);
}
