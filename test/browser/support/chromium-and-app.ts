/**
 * One Chromium and one sample app (examples/app) for a browser test file, started before its
 * tests and closed after them: the dev server by default, or the production build behind
 * `vite preview`. Screenshots go to SCREENSHOTS, which this makes.
 */
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium.ts";
import { previewSampleAppBuild, startSampleApp } from "./sample-app.ts";

export const SCREENSHOTS = "test-results/screenshots";

export interface ChromiumAndApp {
  readonly browser: Browser;
  /** The sample app's origin. */
  readonly appUrl: string;
}

export function useChromiumAndSampleApp(build: "dev" | "production" = "dev"): ChromiumAndApp {
  let browser: Browser | undefined;
  let app: { url: string; close(): Promise<void> } | undefined;
  const startApp = async () => {
    if (build === "production") return previewSampleAppBuild();
    const { url, server } = await startSampleApp();
    return { url, close: () => server.close() };
  };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [browser, app] = await Promise.all([launchChromium(), startApp()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("Chromium and the sample app are not started yet.");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get appUrl() {
      return started(app).url;
    },
  };
}
