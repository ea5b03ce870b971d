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

type ResponseReply = Extract<MockReply, { readonly kind: "response" }>;

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Names what a login reply serves, so QA and tests can see what answered: the spec example, the
 * fault that shaped it, or the mock's own problem (`body-too-large`, `unknown-scenario`).
 */
export const SCENARIO_HEADER = "x-mock-scenario";

/** Names the network fault applied to a reply that still arrives (`truncated-json`). */
export const FAULT_HEADER = "x-mock-fault";

const PROBLEM_TYPE_PREFIX = "urn:login-mock:problem:";

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
 * The reply with `X-Mock-Scenario` naming what it serves, as every login reply does: a fault's
 * name when a fault shaped it (`truncated-json` serves a body cut in half, not the `success` it
 * cut), the slug of the mock's own problem+json (`urn:login-mock:problem:body-too-large` →
 * `body-too-large`), else the example it already names. Adapters apply it as a reply leaves.
 *
 * @example
 * namedAsServed(problemReply(413, "body-too-large", …)) // x-mock-scenario: body-too-large
 */
export function namedAsServed(reply: MockReply): MockReply {
  if (reply.kind !== "response") return reply;
  const named = headerOf(reply, SCENARIO_HEADER);
  const name = headerOf(reply, FAULT_HEADER) ?? named ?? problemSlugOf(reply.body);
  if (name === undefined || name === named) return reply;
  return {
    ...reply,
    headers: [
      ...reply.headers.filter(([header]) => header !== SCENARIO_HEADER),
      [SCENARIO_HEADER, name],
    ],
  };
}

function headerOf(reply: ResponseReply, name: string): string | undefined {
  return reply.headers.find(([header]) => header === name)?.[1];
}

/** The slug of a login-mock problem+json body; undefined for any other body. */
function problemSlugOf(body: string): string | undefined {
  // Every problem starts with its type (problem.ts); a vendor body never does.
  if (!body.startsWith(`{"type":"${PROBLEM_TYPE_PREFIX}`)) return undefined;
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === "string" ? type.slice(PROBLEM_TYPE_PREFIX.length) : undefined;
  } catch {
    return undefined;
  }
}
