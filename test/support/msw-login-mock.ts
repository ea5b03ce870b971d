/**
 * One MSW `setupServer` over a fresh login mock for a test file: listening before the tests,
 * handlers and store reset after each test, closed at the end.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createLoginMock, type LoginMockOptions } from "../../mocks/core/login-mock.ts";
import { createHandlers, DEFAULT_BASE_URLS } from "../../mocks/msw/handlers.ts";
import type { Variant } from "../../openapi/documents.ts";

/** The vendor's own host: MSW intercepts it, as it would in a frontend's tests. */
export function vendorLoginUrl(variant: Variant): string {
  const base = DEFAULT_BASE_URLS[variant]?.[0];
  if (base === undefined) throw new Error(`No built-in API "${variant}" to log in to.`);
  return `${base}/auth/login`;
}

export function useMswLoginMock(options: LoginMockOptions = {}) {
  const mock = createLoginMock(options);
  const server = setupServer(...createHandlers(mock));
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return { mock, server };
}

export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** POSTs a login and reads the whole response; `json` is undefined when the body is not JSON. */
export async function postLogin(
  variant: Variant,
  request: { contentType: string; body: string },
  headers: Record<string, string> = {},
): Promise<ReceivedResponse> {
  const response = await fetch(vendorLoginUrl(variant), {
    method: "POST",
    headers: { "content-type": request.contentType, ...headers },
    body: request.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function jsonRequest(body: unknown) {
  return { contentType: "application/json", body: JSON.stringify(body) };
}
