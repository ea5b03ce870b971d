/**
 * Where the Seamless `token` cookie ends up in development, in Debian's Chromium.
 *
 * - MSW worker mode: the login answers 200 with its body, but the browser's cookie store stays
 *   empty. A service worker cannot set cookies (`Set-Cookie` is a forbidden response header),
 *   and an httpOnly cookie cannot be written through `document.cookie` either.
 * - Proxy mode: `login-mock serve` runs as a user starts it, and the sample app's Vite dev server
 *   proxies `/auth/login` and `/__mock` to it (examples/app/vite.config.ts, MOCK_SERVER_URL).
 *   The login is same-origin, so the browser stores the real httpOnly cookie and sends it back.
 */
import type { ChildProcess } from "node:child_process";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEAMLESS_DEMO } from "../../presets/demo-accounts.ts";
import { startCli, stopChild } from "../support/spawn-cli.ts";
import { launchChromium } from "./support/chromium.ts";
import { startSampleApp } from "./support/sample-app.ts";

let browser: Browser;
let app: { url: string; server: ViteDevServer };
let mock: { child: ChildProcess; seamless: string };

beforeAll(async () => {
  const cli = await startCli(["--port", "0", "--log", "off"]);
  const seamless = cli.byVariant.seamless;
  if (!seamless) throw new Error(`login-mock serve listed no Seamless URL:\n${cli.output()}`);
  mock = { child: cli.child, seamless };
  // The sample app's vite.config.ts reads it when the dev server loads the config.
  const previous = process.env.MOCK_SERVER_URL;
  process.env.MOCK_SERVER_URL = seamless;
  try {
    [browser, app] = await Promise.all([launchChromium(), startSampleApp()]);
  } finally {
    if (previous === undefined) delete process.env.MOCK_SERVER_URL;
    else process.env.MOCK_SERVER_URL = previous;
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.server.close();
  if (mock) await stopChild(mock.child);
});

async function openApp(context: BrowserContext, mode: "msw" | "proxy"): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${app.url}/?mode=${mode}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Logs in to Seamless with the documented account; returns the URL the login went to. */
async function logInToSeamless(page: Page): Promise<{ url: string; headline: string }> {
  await page.fill("#seamless [name=email]", SEAMLESS_DEMO.documented.email);
  await page.fill("#seamless [name=password]", SEAMLESS_DEMO.documented.password);
  const [request] = await Promise.all([
    page.waitForRequest((request) => request.url().endsWith("/auth/login")),
    page.click("#seamless button[type=submit]"),
  ]);
  await page.waitForSelector("#result[data-state=success], #result[data-state=error]");
  return { url: request.url(), headline: (await page.textContent("[data-testid=headline]")) ?? "" };
}

describe("MSW worker mode: the login succeeds, the cookie store stays empty", () => {
  it("shows the user's name, yet the browser holds no token cookie", async () => {
    const context = await browser.newContext();
    try {
      const page = await openApp(context, "msw");
      const warnings: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "warning") warnings.push(message.text());
      });
      expect(await logInToSeamless(page)).toMatchObject({ headline: "Signed in as Demo User" });
      expect(await logInToSeamless(page)).toMatchObject({ headline: "Signed in as Demo User" });
      expect(
        warnings.filter((text) => text.includes('sets the httpOnly cookie "token"')),
      ).toHaveLength(1);
      const cookies = await context.cookies();
      expect(cookies.filter((cookie) => cookie.name === "token")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("proxy mode: the dev server proxies the login to `login-mock serve`, same origin", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext();
    page = await openApp(context, "proxy");
  });
  afterAll(() => context.close());

  it("logs in on the app's own origin, and the browser stores the httpOnly token cookie", async () => {
    expect(await page.textContent("#mode")).toContain("proxy");
    const login = await logInToSeamless(page);
    expect(login).toEqual({ url: `${app.url}/auth/login`, headline: "Signed in as Demo User" });
    // The browser's cookie store, for the app's own origin: the cookie the real API would set.
    const token = (await context.cookies(app.url)).find((cookie) => cookie.name === "token");
    expect(token).toMatchObject({ httpOnly: true, secure: true, path: "/", domain: "127.0.0.1" });
    expect(token?.value.split(".")).toHaveLength(3);
    // httpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("token=");
  });

  it("sends the cookie back: the session check through the proxy finds it valid", async () => {
    await page.click("#check-session");
    await page.waitForSelector("#session[data-state=valid]");
    expect(await page.locator("#session li").allTextContents()).toEqual([
      expect.stringMatching(/^Seamless cookie: valid for 2[34] h \d+ min$/),
    ]);
  });

  it("lets the page change the mock through the proxied control API (its own origin)", async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch("/__mock/scenario", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "recaptcha-failed", variant: "seamless" }),
      });
      return response.status;
    });
    expect(status).toBe(200);
    try {
      expect((await logInToSeamless(page)).headline).toBe("Login failed: 401");
    } finally {
      await fetch(`${mock.seamless}/__mock/reset`, { method: "POST" });
    }
  });
});
