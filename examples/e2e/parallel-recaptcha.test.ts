/**
 * Two workers, one mock server. This file and parallel-server-error.test.ts run at the same
 * time in two Vitest workers, each with its own browser and its own mock session. Each forces
 * a different Seamless scenario through the control API, and each sees only its own: nothing
 * is reset between them, nothing waits for the other to finish.
 */
import { SEAMLESS_DEMO } from "login-mock";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "../../test/browser/support/chromium.ts";
import {
  control,
  forceScenario,
  journalOf,
  logIn,
  openApp,
  waitForScenario,
} from "./support/e2e.ts";

// One session per test file: any name no other worker uses.
const SESSION = "e2e-recaptcha";
const OTHER = { session: "e2e-server-error", scenario: "server-error" };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  // A watch-mode rerun talks to the same server: start this session from its seeded state.
  await control(SESSION, "POST", "/reset");
});
afterAll(() => browser?.close());

it("gets the reCAPTCHA failure it forced while the other worker forces a server error", async () => {
  const page = await openApp(browser, SESSION, "query");
  await forceScenario(SESSION, "seamless", "recaptcha-failed");
  // Only to prove the point: both sessions now hold a different scenario at the same moment.
  await waitForScenario(OTHER.session, "seamless", OTHER.scenario);

  expect(await logIn(page, "seamless", SEAMLESS_DEMO.documented)).toEqual({
    headline: "Login failed: 401",
    message: "Login Failed — Login Failed!",
  });
  // The session's journal holds this worker's login and nobody else's.
  const logins = (await journalOf(SESSION)).filter((entry) => entry.method === "POST");
  expect(logins.map(({ path, status, scenario }) => ({ path, status, scenario }))).toEqual([
    { path: "/auth/login", status: 401, scenario: "recaptcha-failed" },
  ]);
});
