/**
 * The sample app as it ships: built for production (no mocks, see
 * test/sample-app-production.test.ts) and served by `vite preview`, it still logs in against the
 * standalone server, and nothing asks for a service worker.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEAMLESS_DEMO } from "../../presets/demo-accounts.ts";
import { useHttpServers } from "../support/http-servers.ts";
import { useChromiumAndSampleApp } from "./support/chromium-and-app.ts";

const chromium = useChromiumAndSampleApp("production");
const servers = useHttpServers();

describe("the production build against the standalone server", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
    page = await context.newPage();
    // `mode=msw` and `panel=1` on purpose: a production build has no mocks to start and no
    // panel to show, whatever the URL says.
    const query = new URLSearchParams({
      mode: "msw",
      panel: "1",
      talkstack: servers.url("talkstack"),
      seamless: servers.url("seamless"),
    });
    await page.goto(`${chromium.appUrl}/?${query}`);
    await page.waitForSelector("body[data-ready=true]");
  });
  afterAll(() => context.close());

  it("runs in server mode, with no scenario picker, no service worker and no panel overlay", async () => {
    expect(await page.textContent("#mode")).toContain("standalone server");
    expect(await page.locator("#scenario").count()).toBe(0);
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
    ).toBe(0);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await page.locator("login-mock-panel").count()).toBe(0);
  });

  it("logs in to Seamless cross-origin and shows the user's name", async () => {
    await page.fill("#seamless [name=email]", SEAMLESS_DEMO.documented.email);
    await page.fill("#seamless [name=password]", SEAMLESS_DEMO.documented.password);
    await page.click("#seamless button[type=submit]");
    await page.waitForSelector("#result[data-state=success], #result[data-state=error]");
    expect(await page.textContent("[data-testid=headline]")).toBe("Signed in as Demo User");
    const cookies = await context.cookies(servers.url("seamless"));
    expect(cookies.find((cookie) => cookie.name === "token")?.httpOnly).toBe(true);
  });
});
