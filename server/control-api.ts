/**
 * The control API for QA and tests, under `/__mock/`: health, the scenario catalogue, sticky
 * scenarios, resets, the mock clock, the request journal, sessions, whoami, and the HTML
 * control panel. Every route acts on the request's session (`X-Mock-Session` or the
 * `mock-session` cookie; the default one without). Any API's server controls every API of
 * the mock (`?variant=<api id>`, default its own), so one panel shows them all.
 */
import type { IncomingMessage } from "node:http";
import { demoLogin } from "../cli/banner.ts";
import {
  catalogueOf,
  isScenarioTimes,
  jsonReply,
  type LoginMock,
  MAX_KEYS_KEPT,
  MAX_SCENARIO_TIMES,
  type MockReply,
  type MockSession,
  mediaTypeEssence,
  type PendingScenario,
  problemReply,
  scenarioOf,
  scenarioTimesMessage,
  unknownScenarioProblem,
} from "../mocks/core/index.ts";
import { withControlHeaders } from "./control-guard.ts";
import { renderControlPanel } from "./control-panel.ts";
import {
  badControlRequest,
  CONTROL_PREFIX,
  type ControlRequest,
  readJsonObject,
  sessionFor,
  sessionIdFor,
  variantFor,
} from "./control-request.ts";
import {
  accountsRoute,
  clockRoute,
  requestsRoute,
  resetRoute,
  sessionsRoute,
  whoamiRoute,
} from "./control-session-routes.ts";
import { methodNotAllowed, notFound } from "./problems.ts";
import { exampleScenarioOf } from "./scenario-example.ts";

export { CONTROL_PREFIX, type ControlRequest } from "./control-request.ts";

/** The one control route with CORS: it only describes the caller's own credential. */
export const WHOAMI_ROUTE = "/whoami";

/** Whether `path` (as the server routes it, without its query) is the control API's. */
export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** The route under `/__mock` a path names (`/` for the panel), trailing slashes ignored. */
export function controlRoute(path: string): string {
  return withoutTrailingSlashes(path.slice(CONTROL_PREFIX.length)) || "/";
}

/** The reply to a control request that passed `refuseForeignControl`. */
export async function handleControl(
  variant: string,
  mock: LoginMock,
  request: ControlRequest,
): Promise<MockReply> {
  return withControlHeaders(await controlReply(variant, mock, request));
}

async function controlReply(
  variant: string,
  mock: LoginMock,
  request: ControlRequest,
): Promise<MockReply> {
  const route = controlRoute(request.path);
  const allow = (methods: string) =>
    methods.split(", ").includes(request.method)
      ? undefined
      : methodNotAllowed(request.method, request.path, methods);
  // Every route refuses a bad session id, even those that act on no session.
  const named = sessionIdFor(request);
  if ("reply" in named) return named.reply;
  switch (route) {
    case "/":
      return allow("GET") ?? panelRoute(variant, mock, request);
    case "/health":
      return allow("GET") ?? healthRoute(variant, mock, request);
    case "/scenarios":
      return allow("GET") ?? scenariosRoute(variant, mock, request);
    case "/api":
      return allow("GET") ?? apiRoute(variant, mock, request);
    case "/scenario":
      return (
        allow("GET, PUT, DELETE") ?? refuseNonJson(request) ?? scenarioRoute(variant, mock, request)
      );
    case "/reset":
      return allow("POST") ?? refuseNonJson(request) ?? resetRoute(mock, request);
    case "/clock":
      return allow("GET, PUT, DELETE") ?? refuseNonJson(request) ?? clockRoute(mock, request);
    case WHOAMI_ROUTE:
      return allow("GET") ?? whoamiRoute(mock, request);
    case "/requests":
      return allow("GET, DELETE") ?? requestsRoute(mock, request);
    case "/accounts":
      return allow("GET, POST") ?? refuseNonJson(request) ?? accountsRoute(variant, mock, request);
    case "/sessions":
      return allow("GET") ?? sessionsRoute(mock);
    case "/keys/rotate":
      return allow("POST") ?? refuseNonJson(request) ?? rotateKeysRoute(mock);
    default:
      return notFound(request.method, request.path, mock.api(variant));
  }
}

/** Each API's forced scenario in `session`, by API id, in the mock's order. */
function activeScenarios(mock: LoginMock, session: MockSession): Record<string, string | null> {
  return Object.fromEntries(mock.apis.map((api) => [api.id, session.scenario(api.id)]));
}

function panelRoute(variant: string, mock: LoginMock, request: ControlRequest): MockReply {
  const found = sessionFor(mock, request);
  if ("reply" in found) return found.reply;
  return htmlReply(
    renderControlPanel(mock.apis, variant, activeScenarios(mock, found.session), {
      alg: mock.alg,
    }),
  );
}

function healthRoute(variant: string, mock: LoginMock, request: ControlRequest): MockReply {
  const found = sessionFor(mock, request);
  if ("reply" in found) return found.reply;
  return jsonReply(200, {
    status: "ok",
    variant,
    apis: mock.apis.map((api) => api.id),
    seed: mock.store.seed,
    scenario: found.session.scenario(variant),
    session: found.session.id,
    sessions: mock.sessionCount(),
  });
}

function scenariosRoute(own: string, mock: LoginMock, request: ControlRequest): MockReply {
  const asked = variantFor(request, mock, own);
  if ("reply" in asked) return asked.reply;
  const { variant } = asked;
  const found = sessionFor(mock, request);
  if ("reply" in found) return found.reply;
  return jsonReply(200, {
    variant,
    session: found.session.id,
    active: found.session.scenario(variant),
    scenarios: catalogueOf(mock.api(variant)).map(
      ({ name, kind, status, summary, howToReach }) => ({
        name,
        kind,
        status,
        summary,
        howToReach,
      }),
    ),
  });
}

/**
 * How to log in to an API, for test tools (login-mock/playwright) that must not hard-code a
 * spec: the login operation, its field names, where the token goes and how long it lives, and a
 * demo login (the first declared account's body, as the banner prints it). Read-only; the demo
 * account is the spec's own, already in the banner and the panel. Never a token.
 */
function apiRoute(own: string, mock: LoginMock, request: ControlRequest): MockReply {
  const asked = variantFor(request, mock, own);
  if ("reply" in asked) return asked.reply;
  const api = mock.api(asked.variant);
  const { placement } = api.token;
  const demo = demoLogin(api, { mode: "accept" });
  return jsonReply(200, {
    variant: api.id,
    title: api.title,
    own: api.id === own,
    login: {
      method: api.operation.method,
      path: api.operation.path,
      mediaTypes: api.request.mediaTypes,
      identity: api.request.identity,
      secret: api.request.secret,
      challenge: api.request.challenge?.field ?? null,
    },
    token: {
      ...(placement.in === "body"
        ? { in: "body", pointer: placement.pointer }
        : placement.in === "cookie"
          ? { in: "cookie", cookie: placement.cookie.name }
          : { in: "header", header: placement.header }),
      lifetimeSeconds: api.token.lifetimeSeconds,
    },
    demo:
      demo.kind === "body"
        ? {
            identity: api.accounts[0]?.identity,
            mediaType: demo.mediaType,
            body: demo.body,
          }
        : { reason: demo.reason },
  });
}

/**
 * A body must come as application/json; a request without one may send no Content-Type. Other
 * pages can send only form, multipart and text/plain bodies without a CORS preflight (a form,
 * even an empty one, always sends its Content-Type); a JSON body needs one, and the control
 * API never grants it. curl's `-X POST` and a bodyless Node fetch send no Content-Type.
 */
function refuseNonJson(request: ControlRequest): MockReply | undefined {
  if (request.method !== "PUT" && request.method !== "POST") return undefined;
  const type = request.contentType ?? null;
  if (type === null && request.bodyText === "") return undefined;
  // Exactly application/json: the control API takes no other JSON flavour (no +json).
  if (mediaTypeEssence(type) === "application/json") return undefined;
  return problemReply(
    415,
    "control-json-only",
    "The control API takes JSON only",
    `[login-mock] ${request.method} ${request.path} takes a JSON body sent as Content-Type: application/json, not ${type === null ? "a body without a Content-Type" : JSON.stringify(type)}. Web pages can send forms and plain text to this machine, so the control API refuses them. With curl, add -H 'Content-Type: application/json'${request.method === "POST" ? ", or send no body" : ""}.`,
  );
}

/**
 * Each API's counted scenario still queued in `session`, by API id: only those that have one,
 * or undefined when none has (the answer then has no `pending`, as before counts existed).
 */
function pendingScenarios(
  mock: LoginMock,
  session: MockSession,
): Record<string, PendingScenario> | undefined {
  const queued = mock.apis.flatMap((api) => {
    const pending = session.pending(api.id);
    return pending ? [[api.id, pending] as const] : [];
  });
  return queued.length === 0 ? undefined : Object.fromEntries(queued);
}

/**
 * GET: the sticky scenario of the API asked about (`variant`, `scenario`), of every API the
 * mock serves (`apis`, by id), and while any is queued, the counted ones (`pending`, by API id:
 * `{name, remaining}`). PUT sets it (`"times": n` queues a counted one), DELETE clears both;
 * both answer the same way.
 */
function scenarioRoute(own: string, mock: LoginMock, request: ControlRequest): MockReply {
  const body = request.method === "PUT" ? readJsonObject(request.bodyText) : {};
  const others = mock.apis.filter((other) => other.id !== own).map((other) => `"${other.id}"`);
  const forOthers =
    others.length === 0 ? "" : ` (add "variant": ${others.join(" or ")} for another API)`;
  const usage = `Send a JSON body like {"scenario": "${exampleScenarioOf(mock.api(own)).name}"}${forOthers}, with "times": n (1 to ${MAX_SCENARIO_TIMES}) for the next n logins only, or DELETE ${CONTROL_PREFIX}/scenario to clear it.`;
  if (body === undefined) return badControlRequest(usage);
  const asked = variantFor(request, mock, own, body.variant);
  if ("reply" in asked) return asked.reply;
  const { variant } = asked;
  const api = mock.api(variant);
  const found = sessionFor(mock, request);
  if ("reply" in found) return found.reply;
  const { session } = found;
  const answer = () => {
    const pending = pendingScenarios(mock, session);
    return jsonReply(200, {
      variant,
      session: session.id,
      scenario: session.scenario(variant),
      apis: activeScenarios(mock, session),
      ...(pending ? { pending } : {}),
    });
  };
  if (request.method === "GET") return answer();
  if (request.method === "DELETE") {
    session.setScenario(variant, null);
    return answer();
  }
  const name = body.scenario;
  if (typeof name !== "string" || name === "") return badControlRequest(usage);
  const { times } = body;
  if (times !== undefined && !isScenarioTimes(times))
    return badControlRequest(
      `${scenarioTimesMessage(times)} Leave "times" out for a scenario every login gets.`,
      { minimum: 1, maximum: MAX_SCENARIO_TIMES },
    );
  const scenario = scenarioOf(api, name);
  if (!scenario)
    return unknownScenarioProblem(
      api,
      name,
      mock.apis,
      (other) =>
        `to set it for ${other}, send ${JSON.stringify({ scenario: name, variant: other })}`,
    );
  session.setScenario(variant, scenario.name, times === undefined ? {} : { times });
  return answer();
}

/**
 * RS256/ES256: a fresh signing key becomes current; the previous ones stay in the JWKS (the last
 * MAX_KEYS_KEPT). Answers the new `kid` and every `kid` kept, oldest first. Mock-wide.
 */
async function rotateKeysRoute(mock: LoginMock): Promise<MockReply> {
  if (mock.alg === "HS256")
    return problemReply(
      409,
      "no-keys-to-rotate",
      "HS256 tokens have no keys to rotate",
      "[login-mock] This mock signs HS256 tokens with a shared secret, which has no keys to rotate. Start it with --alg RS256 or --alg ES256 (createLoginMock({ alg })).",
    );
  const { kid, kept } = await mock.rotateKeys();
  return jsonReply(200, { alg: mock.alg, kid, kept, maxKeysKept: MAX_KEYS_KEPT });
}

function htmlReply(html: string): MockReply {
  return {
    kind: "response",
    status: 200,
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      [
        "content-security-policy",
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
      ],
      // frame-ancestors for browsers without CSP 2: no page may frame the panel (clickjacking).
      ["x-frame-options", "DENY"],
    ],
    body: html,
    delayMs: 0,
  };
}

/** Whether a request comes from this machine. */
export function isLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** `path` without trailing slashes. A loop, not `/\/+$/`: that regex is quadratic on long paths. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end -= 1;
  return path.slice(0, end);
}
