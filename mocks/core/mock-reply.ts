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

/** Names the spec example a reply serves, so QA and tests can see which scenario answered. */
export const SCENARIO_HEADER = "x-mock-scenario";

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
