/** Real servers on free loopback ports for a test file, stopped after it. */
import { afterAll, beforeAll } from "vitest";
import {
  createLoginMock,
  type LoginMock,
  type LoginMockOptions,
} from "../../mocks/core/login-mock.ts";
import type { Variant } from "../../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import type { RequestLogEntry } from "../../server/request-log.ts";
import {
  type RunningServers,
  type StartOptions,
  startServers,
} from "../../server/start-servers.ts";

export interface TestServers {
  mock: LoginMock;
  url(variant: Variant): string;
  logLines: string[];
  running(): RunningServers;
}

export function useHttpServers(
  mockOptions: LoginMockOptions = {},
  serverOptions: Partial<Omit<StartOptions, "mock" | "variants">> = {},
): TestServers {
  const mock = createLoginMock({
    ...mockOptions,
  });
  const logLines: string[] = [];
  let running: RunningServers | undefined;
  beforeAll(async () => {
    running = await startServers({
      variants: ["talkstack", "seamless"],
      port: 0,
      mock,
      log: (entry: RequestLogEntry) => logLines.push(JSON.stringify(entry)),
      ...serverOptions,
    });
  });
  afterAll(async () => running?.close(100));
  return {
    mock,
    logLines,
    url: (variant) => `${running?.urls[variant]}`,
    running: () => {
      if (!running) throw new Error("servers not started");
      return running;
    },
  };
}

/**
 * Logs in on `variant` as its documented demo account, in `session` if given: the response.
 * `init` adds to the request (headers such as `connection: close`, a `signal` for a timeout).
 */
export function demoLogin(
  servers: TestServers,
  variant: Variant,
  session?: string,
  init: Omit<RequestInit, "method" | "body"> = {},
): Promise<Response> {
  const body =
    variant === "talkstack"
      ? TALKSTACK_DEMO.documented
      : { ...SEAMLESS_DEMO.documented, recaptchaVal: "x" };
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (session !== undefined) headers.set("x-mock-session", session);
  return fetch(`${servers.url(variant)}/auth/login`, {
    ...init,
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
}

/**
 * Logs in as `demoLogin` does and returns the token it issued: TalkStack's from the body,
 * Seamless' from its `token` cookie.
 */
export async function demoLoginToken(
  servers: TestServers,
  variant: Variant,
  session?: string,
): Promise<string> {
  const response = await demoLogin(servers, variant, session);
  if (variant === "talkstack") return ((await response.json()) as { token: string }).token;
  return /^token=([^;]+)/.exec(response.headers.getSetCookie()[0] ?? "")?.[1] ?? "missing";
}
