/** Real servers on free loopback ports for a test file, stopped after it. */
import { afterAll, beforeAll } from "vitest";
import { DEFAULT_JWT_SECRET } from "../../mocks/core/jwt.ts";
import {
  createLoginMock,
  type LoginMock,
  type LoginMockOptions,
} from "../../mocks/core/login-mock.ts";
import type { Variant } from "../../openapi/documents.ts";
import { createNodeSigner } from "../../server/node-signer.ts";
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
  // The signer `login-mock serve` uses, so tests exercise what users run.
  const mock = createLoginMock({
    tokenSigner: createNodeSigner(DEFAULT_JWT_SECRET),
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
