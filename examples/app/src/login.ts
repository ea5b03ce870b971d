/**
 * What a real frontend does with each vendor's login: POST the form, then turn the answer into
 * something to show. No mock knowledge here: the same code runs against MSW, the standalone
 * server or the vendor.
 */
export type Variant = "talkstack" | "seamless";

export interface LoginView {
  readonly state: "success" | "error";
  readonly headline: string;
  readonly status: number | null;
  readonly message: string;
  /** The response body, for the developer. */
  readonly body: unknown;
}

export interface LoginRequest {
  readonly baseUrl: string;
  readonly fields: Record<string, string>;
  /** Extra request headers (the dev-only X-Mock-Scenario). */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
}

export async function logIn(variant: Variant, request: LoginRequest): Promise<LoginView> {
  let response: Response;
  try {
    response = await fetch(`${request.baseUrl}/auth/login`, {
      method: "POST",
      // Seamless answers with an httpOnly cookie: the browser keeps it only with credentials.
      credentials: "include",
      headers: { "content-type": "application/json", ...request.headers },
      body: JSON.stringify(request.fields),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return {
      state: "error",
      headline: timedOut
        ? "The server did not answer in time"
        : "Network error: could not reach the server",
      status: null,
      message: timedOut ? `No response after ${request.timeoutMs} ms.` : String(error),
      body: null,
    };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      state: "error",
      headline: "The server sent a malformed response",
      status: response.status,
      message: `${text.length} bytes that are not JSON`,
      body: text,
    };
  }
  return variant === "talkstack"
    ? talkstackView(response.status, body)
    : seamlessView(response.status, body);
}

const LOGIN_STATUS = [
  "CREDENTIALS_MISSING",
  "ACCOUNT_ALREADY_EXISTS",
  "ACCOUNT_NOT_VERIFIED",
  "USER_NOT_FOUND",
  "INVALID_PASSWORD",
  "HUBSPOT_INTEGRATION_FAILED",
  "HUBSPOT_INTEGRATION_SUCCESS",
  "SUCCESS",
  "LOGIN_FAILED",
  "INVALID_EMAIL",
];

function talkstackView(status: number, body: unknown): LoginView {
  const data = body as { message?: string; loginStatus?: number; user?: { name?: string } };
  const code =
    typeof data.loginStatus === "number"
      ? ` (${LOGIN_STATUS[data.loginStatus] ?? data.loginStatus})`
      : "";
  if (status === 200)
    return {
      state: "success",
      headline: `Signed in as ${data.user?.name ?? "?"}`,
      status,
      message: `${data.message ?? ""}${code}`,
      body,
    };
  return {
    state: "error",
    headline: `Login failed: ${status}`,
    status,
    message: `${data.message ?? ""}${code}`,
    body,
  };
}

function seamlessView(status: number, body: unknown): LoginView {
  const data = body as { message?: string; data?: { name?: string; message?: string } | string };
  const inner = typeof data.data === "object" ? data.data : undefined;
  if (status === 200)
    return {
      state: "success",
      headline: `Signed in as ${inner?.name ?? "?"}`,
      status,
      message: data.message ?? "",
      body,
    };
  const detail = [
    data.message,
    inner?.message,
    typeof data.data === "string" ? data.data : undefined,
  ]
    .filter(Boolean)
    .join(" — ");
  return { state: "error", headline: `Login failed: ${status}`, status, message: detail, body };
}
