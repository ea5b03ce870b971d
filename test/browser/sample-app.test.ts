/**
 * The sample app (examples/app) in Debian's Chromium, as a frontend developer and QA use it:
 * with the MSW service worker in the tab, against the standalone server on another port with
 * credentials, and steered from the server's control panel. Screenshots land in
 * test-results/screenshots/.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS, type Scenario } from "../../mocks/core/catalogue/scenario-catalogue.ts";
import type { Variant } from "../../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import { useHttpServers } from "../support/http-servers.ts";
import { SCREENSHOTS, useChromiumAndSampleApp } from "./support/chromium-and-app.ts";

const CLIENT_TIMEOUT_MS = 1500;

const chromium = useChromiumAndSampleApp();
const servers = useHttpServers();

async function openApp(context: BrowserContext, query: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  const params = new URLSearchParams({ timeout: String(CLIENT_TIMEOUT_MS), ...query });
  await page.goto(`${chromium.appUrl}/?${params}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Submits a variant's form and waits for the result to render. */
async function logIn(
  page: Page,
  variant: Variant,
  fields: { email?: string; password?: string } = {},
  scenario = "",
) {
  for (const name of ["email", "password"] as const) {
    const value = fields[name];
    if (value !== undefined) await page.fill(`#${variant} [name=${name}]`, value);
  }
  await page.selectOption("#scenario", scenario ? { value: scenario } : { index: 0 });
  // Clear the last result first, so the wait below sees this login's answer.
  await page.evaluate(() => {
    const result = document.querySelector<HTMLElement>("#result");
    if (result) result.dataset.state = "pending";
  });
  await page.click(`#${variant} button[type=submit]`);
  await page.waitForSelector("#result[data-state=success], #result[data-state=error]", {
    timeout: 10_000,
  });
  return {
    state: await page.getAttribute("#result", "data-state"),
    headline: (await page.textContent("[data-testid=headline]")) ?? "",
    message: (await page.textContent("[data-testid=message]")) ?? "",
  };
}

/** What the app must show for a scenario: the vendor's own status and message. */
function expectedView(scenario: Scenario) {
  if (scenario.kind === "fault") {
    return {
      "network-error": { state: "error", headline: "Network error: could not reach the server" },
      "no-response": { state: "error", headline: "The server did not answer in time" },
      "truncated-json": { state: "error", headline: "The server sent a malformed response" },
      // 3 s late, past the app's 1.5 s timeout: what QA forces it for.
      "slow-response": { state: "error", headline: "The server did not answer in time" },
    }[scenario.name];
  }
  const message = (scenario.example.value as { message?: string }).message ?? "";
  return scenario.status === 200
    ? { state: "success", headline: "Signed in as", message }
    : { state: "error", headline: `Login failed: ${scenario.status}`, message };
}

describe("MSW worker mode: the mocks run in the tab", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
    page = await openApp(context, { mode: "msw" });
  });
  afterAll(() => context.close());

  it("registers the service worker and it controls the page", async () => {
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${chromium.appUrl}/mockServiceWorker.js`,
    );
    expect(await page.textContent("#mode")).toContain("MSW service worker");
    // whoami is the standalone server's: the session check is for server mode.
    expect(await page.isVisible("#session")).toBe(false);
  });

  it("logs in to TalkStack with the document's example account", async () => {
    const view = await logIn(page, "talkstack", TALKSTACK_DEMO.documented);
    expect(view).toMatchObject({ state: "success", message: "successfully logged in. (SUCCESS)" });
    expect(view.headline).toMatch(/^Signed in as \S+/);
  });

  it("logs in to Seamless and shows the user's name", async () => {
    const view = await logIn(page, "seamless", SEAMLESS_DEMO.documented);
    expect(view).toMatchObject({
      state: "success",
      headline: "Signed in as Demo User",
      message: "user Login Successful.",
    });
  });

  it("shows the vendor's 401 for a wrong password, reached by data alone", async () => {
    const view = await logIn(page, "talkstack", {
      ...TALKSTACK_DEMO.documented,
      password: "wrong",
    });
    expect(view).toMatchObject({ state: "error", headline: "Login failed: 401" });
    expect(view.message).toContain("(INVALID_PASSWORD)");
  });

  const forced = SCENARIOS.map(
    (scenario) => [`${scenario.variant} ${scenario.name}`, scenario] as const,
  );
  it.each(forced)(
    "renders %s when it is forced with the scenario picker",
    async (_label, scenario) => {
      const demo =
        scenario.variant === "talkstack" ? TALKSTACK_DEMO.documented : SEAMLESS_DEMO.documented;
      const view = await logIn(page, scenario.variant, demo, scenario.name);
      const expected = expectedView(scenario);
      expect(view.state).toBe(expected?.state);
      expect(view.headline.startsWith(expected?.headline ?? "?")).toBe(true);
      if (expected && "message" in expected) expect(view.message).toContain(expected.message);
    },
  );

  it("leaves a screenshot of the app in MSW mode, signed in", async () => {
    expect((await logIn(page, "seamless", SEAMLESS_DEMO.documented)).state).toBe("success");
    await page.screenshot({ path: `${SCREENSHOTS}/sample-app-msw-mode.png`, fullPage: true });
  });
});

describe("server mode: the app on one port, the mock server on another, with credentials", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
    page = await openApp(context, {
      mode: "server",
      talkstack: servers.url("talkstack"),
      seamless: servers.url("seamless"),
    });
  });
  afterAll(() => context.close());

  it("logs in to Seamless cross-origin: the preflight passes and the token cookie is httpOnly", async () => {
    const view = await logIn(page, "seamless", SEAMLESS_DEMO.documented);
    expect(view).toMatchObject({ state: "success", headline: "Signed in as Demo User" });
    // The browser's cookie store, not a header string.
    const cookies = await context.cookies(servers.url("seamless"));
    const token = cookies.find((cookie) => cookie.name === "token");
    expect(token).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "None",
      path: "/",
      domain: "127.0.0.1",
    });
    expect(token?.value.split(".")).toHaveLength(3);
    expect((token?.expires ?? 0) - Date.now() / 1000).toBeGreaterThan(86_400 - 120);
    // Cookies ignore ports: the page could read this cookie if it were not httpOnly.
    expect(await page.evaluate(() => document.cookie)).not.toContain("token=");
    expect(
      servers.logLines.some(
        (line) => line.includes('"method":"OPTIONS"') && line.includes('"status":204'),
      ),
    ).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/sample-app-server-mode.png`, fullPage: true });
  });

  it("logs in to TalkStack cross-origin", async () => {
    const view = await logIn(page, "talkstack", TALKSTACK_DEMO.documented);
    expect(view).toMatchObject({ state: "success", message: "successfully logged in. (SUCCESS)" });
  });

  it("checks its session with whoami: the Seamless cookie and the TalkStack bearer token", async () => {
    await page.click("#check-session");
    await page.waitForSelector("#session[data-state=valid]");
    const lines = await page.locator("#session li").allTextContents();
    expect(lines).toEqual([
      expect.stringMatching(/^Seamless cookie: valid for 2[34] h \d+ min$/),
      expect.stringMatching(/^TalkStack token: valid for [12] h \d+ min$/),
    ]);
  });

  it("shows the vendor's bodies for error scenarios, by data and by a forced scenario", async () => {
    const wrong = await logIn(page, "seamless", { ...SEAMLESS_DEMO.documented, password: "wrong" });
    expect(wrong).toMatchObject({
      state: "error",
      headline: "Login failed: 401",
      message: "Invalid email or password",
    });
    const missing = await logIn(page, "talkstack", { email: "", password: "" });
    expect(missing).toMatchObject({ state: "error", headline: "Login failed: 400" });
    expect(missing.message).toContain("(CREDENTIALS_MISSING)");
    // X-Mock-Scenario is a custom header: the preflight must allow it.
    const forced = await logIn(page, "seamless", SEAMLESS_DEMO.documented, "recaptcha-failed");
    expect(forced).toMatchObject({
      state: "error",
      headline: "Login failed: 401",
      message: "Login Failed — Login Failed!",
    });
  });
});

describe("QA control panel: one click changes what the app gets", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
  });
  afterAll(() => context.close());

  it("makes the next login return the clicked scenario, and reset restores normal logins", async () => {
    const panel = await context.newPage();
    await panel.goto(`${servers.url("seamless")}/__mock/`);
    const appPage = await openApp(context, {
      mode: "server",
      talkstack: servers.url("talkstack"),
      seamless: servers.url("seamless"),
    });

    await panel.click("button[data-scenario=recaptcha-failed]");
    await panel.waitForSelector('button[data-scenario=recaptcha-failed][aria-pressed="true"]');
    // A page behind another one screenshots slowly (its rendering is throttled).
    await panel.bringToFront();
    await panel.screenshot({ path: `${SCREENSHOTS}/control-panel.png`, fullPage: true });
    const forced = await logIn(appPage, "seamless", SEAMLESS_DEMO.documented);
    expect(forced).toMatchObject({
      state: "error",
      headline: "Login failed: 401",
      message: "Login Failed — Login Failed!",
    });

    await panel.click("#reset");
    await panel.waitForSelector('button[aria-pressed="true"]', { state: "detached" });
    const normal = await logIn(appPage, "seamless", SEAMLESS_DEMO.documented);
    expect(normal).toMatchObject({ state: "success", headline: "Signed in as Demo User" });
  });
});
