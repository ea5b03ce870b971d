/**
 * The "session expired" path without waiting 24 hours: log in to Seamless through the app,
 * move this session's mock clock past the token's lifetime, and check that the app tells the
 * user to sign in again. The clock belongs to the session: other workers keep real time.
 */
import { mkdirSync } from "node:fs";
import { SEAMLESS_DEMO } from "login-mock";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "../../test/browser/support/chromium.ts";
import { advanceClock, control, logIn, openApp } from "./support/e2e.ts";

const SESSION = "e2e-session-expiry";
// Seamless tokens live 24 h (86,400 s); 25 h later the same cookie has expired.
const PAST_TOKEN_LIFETIME = 90_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await control(SESSION, "POST", "/reset");
});
afterAll(() => browser?.close());

it("shows 'session expired' once the session's clock passes the token's lifetime", async () => {
  // The cookie way: the app is unchanged, the browser's mock-session cookie picks the session.
  const page = await openApp(browser, SESSION, "cookie");
  const signedIn = await logIn(page, "seamless", SEAMLESS_DEMO.documented);
  expect(signedIn.headline).toBe("Signed in as Demo User");

  await page.click("#check-session");
  await page.waitForSelector("#session[data-state=valid]");

  await advanceClock(SESSION, PAST_TOKEN_LIFETIME);
  await page.click("#check-session");
  await page.waitForSelector("#session[data-state=expired]");
  expect(await page.textContent("[data-testid=session-headline]")).toBe(
    "Your session expired — sign in again",
  );
  // The signed-in view is gone with the session.
  expect(await page.getAttribute("#result", "data-state")).toBe("signed-out");
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({
    path: "test-results/screenshots/e2e-session-expired.png",
    fullPage: true,
  });

  // Only this session's time moved.
  const clock = await control<{ real: boolean }>("default", "GET", "/clock");
  expect(clock.real).toBe(true);
});
