/**
 * What every e2e worker shares, started once per run: one login-mock server (both APIs) and
 * the app under test. Workers never restart or reset it for each other: each test works in
 * its own mock session instead, so tests can run in parallel against the one server.
 */
import type { TestProject } from "vitest/node";
import { startSampleApp } from "../../test/browser/support/sample-app.ts";
import { startLoginMockServer } from "./support/login-mock-server.ts";

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
  const [mock, app] = await Promise.all([startLoginMockServer(), startSampleApp()]);
  project.provide("e2e", { app: app.url, talkstack: mock.talkstack, seamless: mock.seamless });
  return async () => {
    await app.server.close();
    await mock.stop();
  };
}
