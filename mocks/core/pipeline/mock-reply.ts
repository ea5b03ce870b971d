/**
 * What the behaviour core answers: a response, or a network-level fault. Adapters (MSW, the HTTP
 * server) turn this into their own response type; the core never sees either.
 */
export type MockReply =
  | {
      readonly kind: "response";
      readonly status: number;
      /** Header pairs in order; a name may repeat (two `Set-Cookie` lines stay two). */
      readonly headers: readonly (readonly [string, string])[];
      readonly body: string;
      /** How long the adapter waits before sending it. */
      readonly delayMs: number;
    }
  | { readonly kind: "network-error"; readonly delayMs: number }
  /** The response never arrives: the adapter holds the request until the client gives up. */
  | { readonly kind: "no-response" };

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Names what a login reply serves, so QA and tests can see what answered: the spec example, the
 * fault that shaped it, or the mock's own problem (`body-too-large`, `unknown-scenario`).
 */
export const SCENARIO_HEADER = "x-mock-scenario";

/** Names the network fault applied to a reply that still arrives (`truncated-json`). */
export const FAULT_HEADER = "x-mock-fault";

/** A JSON reply with the content type Express sends. */
export function jsonReply(
  status: number,
  body: unknown,
  extraHeaders: readonly (readonly [string, string])[] = [],
): MockReply {
  return {
    kind: "response",
    status,
    headers: [["content-type", JSON_CONTENT_TYPE], ...extraHeaders],
    body: JSON.stringify(body),
    delayMs: 0,
  };
}

/** The same reply with `headers` added after its own; faults have no headers and pass through. */
export function withHeaders(
  reply: MockReply,
  headers: readonly (readonly [string, string])[],
): MockReply {
  return reply.kind === "response" ? { ...reply, headers: [...reply.headers, ...headers] } : reply;
}

/** The same reply, sent after `delayMs` more milliseconds. */
export function withDelay(reply: MockReply, delayMs: number): MockReply {
  if (delayMs <= 0 || reply.kind === "no-response") return reply;
  return { ...reply, delayMs: reply.delayMs + delayMs };
}

/**
 * The same reply named as what it serves in `X-Mock-Scenario`, replacing the name it had: a
 * fault that reshapes a reply (`truncated-json` serves a body cut in half, not the `success`
 * it cut) names itself.
 */
export function namedAs(reply: MockReply, name: string): MockReply {
  if (reply.kind !== "response") return reply;
  return {
    ...reply,
    headers: [
      ...reply.headers.filter(([header]) => header !== SCENARIO_HEADER),
      [SCENARIO_HEADER, name],
    ],
  };
}
