/**
 * The control API for QA and tests, under `/__mock/`: health, the scenario catalogue, a sticky
 * scenario, a store reset, and the HTML control panel. Each server controls its own variant;
 * a reset restores the store both variants share.
 */
import type { IncomingMessage } from "node:http";
import type { LoginMock } from "../mocks/core/login-mock.ts";
import { jsonReply, type MockReply } from "../mocks/core/mock-reply.ts";
import { problemReply } from "../mocks/core/problem.ts";
import {
  findScenario,
  scenariosOf,
  unknownScenarioMessage,
} from "../mocks/core/scenario-catalogue.ts";
import type { Variant } from "../openapi/documents.ts";
import { withControlHeaders } from "./control-guard.ts";
import { renderControlPanel } from "./control-panel.ts";
import { methodNotAllowed, notFound } from "./problems.ts";

export const CONTROL_PREFIX = "/__mock";

export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly bodyText: string;
  /** The request's Content-Type header, or null. */
  readonly contentType?: string | null;
}

/** The reply to a control request that passed `refuseForeignControl`. */
export function handleControl(
  variant: Variant,
  mock: LoginMock,
  request: ControlRequest,
): MockReply {
  return withControlHeaders(controlReply(variant, mock, request));
}

function controlReply(variant: Variant, mock: LoginMock, request: ControlRequest): MockReply {
  const route = withoutTrailingSlashes(request.path.slice(CONTROL_PREFIX.length)) || "/";
  const allow = (methods: string) =>
    methods.split(", ").includes(request.method)
      ? undefined
      : methodNotAllowed(request.method, request.path, methods);
  switch (route) {
    case "/":
      return allow("GET") ?? htmlReply(renderControlPanel(variant, mock.scenario(variant)));
    case "/health":
      return (
        allow("GET") ??
        jsonReply(200, {
          status: "ok",
          variant,
          seed: mock.store.seed,
          scenario: mock.scenario(variant),
        })
      );
    case "/scenarios":
      return (
        allow("GET") ??
        jsonReply(200, {
          variant,
          active: mock.scenario(variant),
          scenarios: scenariosOf(variant).map(({ name, kind, status, summary, howToReach }) => ({
            name,
            kind,
            status,
            summary,
            howToReach,
          })),
        })
      );
    case "/scenario":
      return (
        allow("GET, PUT, DELETE") ?? refuseNonJson(request) ?? scenarioRoute(variant, mock, request)
      );
    case "/reset":
      if (request.method !== "POST") return methodNotAllowed(request.method, request.path, "POST");
      return refuseNonJson(request) ?? resetRoute(mock);
    default:
      return notFound(request.method, request.path);
  }
}

function resetRoute(mock: LoginMock): MockReply {
  mock.reset();
  return jsonReply(200, { reset: true, seed: mock.store.seed });
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
  if (type?.split(";")[0]?.trim().toLowerCase() === "application/json") return undefined;
  return problemReply(
    415,
    "control-json-only",
    "The control API takes JSON only",
    `[login-mock] ${request.method} ${request.path} takes a JSON body sent as Content-Type: application/json, not ${type === null ? "a body without a Content-Type" : JSON.stringify(type)}. Web pages can send forms and plain text to this machine, so the control API refuses them. With curl, add -H 'Content-Type: application/json'${request.method === "POST" ? ", or send no body" : ""}.`,
  );
}

function scenarioRoute(variant: Variant, mock: LoginMock, request: ControlRequest): MockReply {
  if (request.method === "DELETE") {
    mock.setScenario(variant, null);
    return jsonReply(200, { variant, scenario: null });
  }
  if (request.method === "GET")
    return jsonReply(200, { variant, scenario: mock.scenario(variant) });
  const name = readScenarioName(request.bodyText);
  if (name === undefined) {
    return problemReply(
      400,
      "bad-control-request",
      "Bad control request",
      `[login-mock] Send a JSON body like {"scenario": "recaptcha-failed"} (or DELETE ${CONTROL_PREFIX}/scenario to clear it).`,
    );
  }
  if (!findScenario(variant, name)) {
    return problemReply(
      400,
      "unknown-scenario",
      "Unknown scenario",
      unknownScenarioMessage(variant, name),
      {
        knownScenarios: scenariosOf(variant).map((scenario) => scenario.name),
      },
    );
  }
  mock.setScenario(variant, name);
  return jsonReply(200, { variant, scenario: name });
}

function readScenarioName(bodyText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === "object" && "scenario" in parsed) {
      const { scenario } = parsed as { scenario: unknown };
      return typeof scenario === "string" && scenario !== "" ? scenario : undefined;
    }
  } catch {
    // Falls through to the usage message.
  }
  return undefined;
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
