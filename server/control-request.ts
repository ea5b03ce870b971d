/**
 * What every control route reads from a request: the session it names, the login API it asks
 * about (`variant`: an API id of the mock), and its JSON body; and the problem replies for each
 * of them gone wrong.
 */
import {
  type LoginMock,
  type MockReply,
  type MockSession,
  problemReply,
  sessionIdOf,
} from "../mocks/core/index.ts";

export const CONTROL_PREFIX = "/__mock";

export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly bodyText: string;
  /** The request's Content-Type header, or null. */
  readonly contentType?: string | null;
  /** The query string, without its `?`. */
  readonly query?: string;
  /** The `X-Mock-Session` header. */
  readonly session?: string | null;
  readonly cookie?: string | null;
  readonly authorization?: string | null;
}

/** The id of the session a control request names (`default` when none), or its 400. */
export function sessionIdFor(request: ControlRequest): { id: string } | { reply: MockReply } {
  const named = sessionIdOf(request.session ?? null, request.cookie ?? null);
  if (!named.ok) return { reply: named.reply };
  return { id: named.id ?? "default" };
}

/** Control requests that only read: they leave a session as anonymous as they found it. */
const READING_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The session a control request acts on, created if new; or its 400 / 503. A request that
 * changes the session (PUT, POST, DELETE: only this machine's own pages and scripts may send
 * them, control-guard.ts) keeps it; a read, which any page may send, leaves it anonymous.
 */
export function sessionFor(
  mock: LoginMock,
  request: ControlRequest,
): { session: MockSession } | { reply: MockReply } {
  const named = sessionIdFor(request);
  if ("reply" in named) return named;
  const found = mock.openSession(named.id, !READING_METHODS.has(request.method));
  return found.ok ? { session: found.session } : { reply: found.reply };
}

/**
 * The API a request asks about: `fromBody`'s `variant`, else `?variant=`, else the server's own
 * API; or a 400 naming the ids the mock serves.
 */
export function variantFor(
  request: ControlRequest,
  mock: LoginMock,
  own: string,
  fromBody?: unknown,
): { variant: string } | { reply: MockReply } {
  const asked = fromBody ?? new URLSearchParams(request.query ?? "").get("variant");
  if (asked === null || asked === undefined) return { variant: own };
  if (typeof asked === "string" && mock.apis.some((api) => api.id === asked))
    return { variant: asked };
  return {
    reply: badControlRequest(
      `"variant" must be the id of an API this mock serves: ${mock.apis.map((api) => api.id).join(", ")}; not ${JSON.stringify(asked)}. Leave it out to mean this server's own API (${own}).`,
    ),
  };
}

/** A JSON object body (an empty body counts as `{}`), or undefined when it is not one. */
export function readJsonObject(bodyText: string): Record<string, unknown> | undefined {
  if (bodyText.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A 400 problem; `extensions` are members beside `detail`, such as the range a value must be in. */
export function badControlRequest(
  detail: string,
  extensions: Record<string, unknown> = {},
): MockReply {
  return problemReply(
    400,
    "bad-control-request",
    "Bad control request",
    `[login-mock] ${detail}`,
    extensions,
  );
}
