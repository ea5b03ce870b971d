/**
 * What every e2e worker shares, started once per run: one login-mock server (both APIs, on
 * free ports, as your CI would start it with `npx login-mock serve --port 0 --log off`; here
 * from this repository's sources) and the app under test. Workers never restart or reset it for each other: each test works in
 * its own mock session instead, so tests can run in parallel against the one server.
 */
import type { TestProject } from "vitest/node";
import { startSampleApp } from "../../test/browser/support/sample-app.ts";
import { startCli, stopChild } from "../../test/support/spawn-cli.ts";

export interface E2eServers {
  /** The sample app (your app's dev server; Playwright's `webServer` would start it). */
  readonly app: string;
  readonly talkstack: string;
  readonly seamless: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eServers;
  }
}

export default async function setup(project: TestProject) {
  // --port 0 picks free ports, so parallel CI jobs on one machine never collide.
  const [mock, app] = await Promise.all([
    startCli(["--port", "0", "--log", "off"]),
    startSampleApp(),
  ]);
  const { talkstack, seamless } = mock.byVariant;
  if (!talkstack || !seamless) throw new Error(`[e2e] login-mock serve listed:\n${mock.output()}`);
  project.provide("e2e", { app: app.url, talkstack, seamless });
  return async () => {
    await app.server.close();
    await stopChild(mock.child);
  };
}
