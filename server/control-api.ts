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
import { renderControlPanel } from "./control-panel.ts";
import { methodNotAllowed, notFound } from "./problems.ts";

export const CONTROL_PREFIX = "/__mock";

export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly bodyText: string;
}

export function handleControl(
  variant: Variant,
  mock: LoginMock,
  request: ControlRequest,
): MockReply {
  const route = request.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "") || "/";
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
      return allow("GET, PUT, DELETE") ?? scenarioRoute(variant, mock, request);
    case "/reset":
      if (request.method !== "POST") return methodNotAllowed(request.method, request.path, "POST");
      mock.reset();
      return jsonReply(200, { reset: true, seed: mock.store.seed });
    default:
      return notFound(request.method, request.path);
  }
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
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      ],
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
