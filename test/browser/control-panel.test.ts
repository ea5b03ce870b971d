/**
 * The QA control panel in Chromium: one page on either port for both APIs, acting on the
 * session QA picks, with the clock, the browser's own login (whoami) and the live request
 * journal. Screenshots land in test-results/screenshots/.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Variant } from "../../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import { useHttpServers } from "../support/http-servers.ts";
import { SCREENSHOTS, useChromiumAndSampleApp } from "./support/chromium-and-app.ts";

const SESSION = "qa-panel";

const chromium = useChromiumAndSampleApp();
const servers = useHttpServers();

/** What the control API says, asked from Node in `session`. */
async function control(session: string, path: string) {
  const response = await fetch(`${servers.url("seamless")}/__mock${path}`, {
    headers: { "x-mock-session": session },
  });
  return (await response.json()) as Record<string, unknown>;
}

async function openPanel(context: BrowserContext, variant: Variant = "seamless"): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 1400, height: 900 });
  await panel.goto(`${servers.url(variant)}/__mock/`);
  await panel.waitForSelector("body[data-ready=true]");
  return panel;
}

const statusText = (panel: Page) => panel.textContent("#status");

describe("one control panel for both APIs", () => {
  let context: BrowserContext;
  let panel: Page;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
    panel = await openPanel(context);
  });
  afterAll(() => context.close());

  it("shows both APIs' scenarios and demo accounts, acting on the default session", async () => {
    for (const variant of ["talkstack", "seamless"]) {
      expect(await panel.isVisible(`#variant-${variant}`)).toBe(true);
      expect(
        await panel.locator(`#variant-${variant} button[data-scenario]`).count(),
      ).toBeGreaterThan(5);
    }
    expect(await panel.textContent("#session-current")).toBe("default");
    expect(await statusText(panel)).toBe("Acting on session default.");
    expect(await panel.textContent("#clock-offset")).toBe("real time");
    expect(await panel.textContent("#variant-seamless")).toContain(SEAMLESS_DEMO.documented.email);
    expect(await panel.textContent("#variant-talkstack")).toContain(
      TALKSTACK_DEMO.documented.email,
    );
    // Backticks in the catalogue are rendered, not shown.
    expect(await panel.locator("#variant-seamless td code", { hasText: "data" }).count()).toBe(1);
    const shown = await panel.evaluate(() =>
      [...document.querySelectorAll("section")].map((section) => section.textContent).join(""),
    );
    expect(shown).not.toContain("`");
  });

  it("is served the same on the TalkStack port, marking that server", async () => {
    const other = await openPanel(context, "talkstack");
    expect(await other.textContent("#heading-talkstack")).toContain("this server");
    expect(await other.locator("#variant-seamless button[data-scenario]").count()).toBeGreaterThan(
      5,
    );
    await other.close();
  });

  it("forces a scenario per API in the session typed in, and only there", async () => {
    await panel.fill("#session-id", SESSION);
    await panel.press("#session-id", "Enter");
    await panel.waitForFunction(
      (id) => document.querySelector("#session-current")?.textContent === id,
      SESSION,
    );
    expect(new URL(panel.url()).searchParams.get("session")).toBe(SESSION);

    await panel.click("#variant-talkstack button[data-scenario=user-not-found]");
    await panel.waitForSelector(
      '#variant-talkstack button[data-scenario=user-not-found][aria-pressed="true"]',
    );
    await panel.click("#variant-seamless button[data-scenario=recaptcha-failed]");
    await panel.waitForSelector(
      '#variant-seamless button[data-scenario=recaptcha-failed][aria-pressed="true"]',
    );
    expect(await statusText(panel)).toContain(`session ${SESSION}`);

    expect(await control(SESSION, "/scenario?variant=talkstack")).toMatchObject({
      scenario: "user-not-found",
    });
    expect(await control(SESSION, "/scenario?variant=seamless")).toMatchObject({
      scenario: "recaptcha-failed",
    });
    expect(await control("default", "/scenario?variant=seamless")).toMatchObject({
      scenario: null,
    });
    await panel.screenshot({
      path: `${SCREENSHOTS}/control-panel-both-variants.png`,
      fullPage: true,
    });

    await panel.click('#variant-talkstack button[data-action="clear"]');
    await panel.waitForSelector('#variant-talkstack button[aria-pressed="true"]', {
      state: "detached",
    });
    expect(await control(SESSION, "/scenario?variant=talkstack")).toMatchObject({ scenario: null });
  });

  it("is usable by keyboard: Tab reaches a scenario button and Enter presses it", async () => {
    await panel.focus("#variant-seamless button[data-action=clear]");
    await panel.keyboard.press("Tab");
    expect(
      await panel.evaluate(() => (document.activeElement as HTMLElement).dataset.scenario),
    ).toBe("success");
    await panel.keyboard.press("Enter");
    await panel.waitForSelector(
      '#variant-seamless button[data-scenario=success][aria-pressed="true"]',
    );
    await panel.click('#variant-seamless button[data-action="clear"]');
    await panel.waitForSelector('#variant-seamless button[aria-pressed="true"]', {
      state: "detached",
    });
  });

  it("puts this browser's app in the session with the mock-session cookie, and the journal fills live", async () => {
    await panel.check("#session-cookie");
    const cookies = await context.cookies(servers.url("seamless"));
    expect(cookies.find((cookie) => cookie.name === "mock-session")?.value).toBe(SESSION);

    // The sample app, unchanged, in server mode: its credentialed requests carry the cookie.
    const appPage = await context.newPage();
    const query = new URLSearchParams({
      mode: "server",
      talkstack: servers.url("talkstack"),
      seamless: servers.url("seamless"),
    });
    await appPage.goto(`${chromium.appUrl}/?${query}`);
    await appPage.waitForSelector("body[data-ready=true]");
    const logIn = async (variant: Variant, password: string) => {
      await appPage.fill(`#${variant} [name=password]`, password);
      await appPage.evaluate(() => {
        (document.querySelector("#result") as HTMLElement).dataset.state = "pending";
      });
      await appPage.click(`#${variant} button[type=submit]`);
      await appPage.waitForSelector("#result[data-state=success], #result[data-state=error]");
    };
    await logIn("seamless", "wrong");
    await logIn("talkstack", TALKSTACK_DEMO.documented.password);
    await logIn("seamless", SEAMLESS_DEMO.documented.password);
    await appPage.close();

    // No click: the panel polls the journal.
    await panel.waitForFunction(
      () => document.querySelectorAll("#journal-rows tr").length >= 3,
      undefined,
      {
        timeout: 10_000,
      },
    );
    const rows = await panel.locator("#journal-rows tr").allInnerTexts();
    expect(rows[0]).toMatch(/seamless\s+POST \/auth\/login\s+200/);
    expect(rows[2]).toMatch(/seamless\s+POST \/auth\/login\s+401/);
    expect(await control("default", "/requests")).toMatchObject({ entries: [] });

    await panel.click("#whoami-check");
    await panel.waitForSelector("#whoami-list .state-valid");
    expect(await panel.textContent("#whoami-list")).toContain(SEAMLESS_DEMO.documented.email);
    await panel.screenshot({ path: `${SCREENSHOTS}/control-panel-journal.png`, fullPage: true });
  });

  it("checks a pasted TalkStack token as a bearer token when Enter is pressed", async () => {
    const login = await fetch(`${servers.url("talkstack")}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(TALKSTACK_DEMO.documented),
    });
    const { token } = (await login.json()) as { token: string };
    await panel.fill("#bearer", token);
    await panel.press("#bearer", "Enter");
    // The API is named by its spec's title.
    const expected = `${servers.mock.api("talkstack").title} bearer token: valid`;
    await panel.waitForFunction(
      (text) => document.querySelector("#whoami-list")?.textContent?.includes(text),
      expected,
    );
    expect(new URL(panel.url()).pathname).toBe("/__mock/");
  });

  it("moves the session's clock a day and an hour, and the browser's token cookie expires", async () => {
    await panel.click("#clock-day");
    await panel.click("#clock-hour");
    await panel.waitForFunction(() =>
      document.querySelector("#clock-offset")?.textContent?.startsWith("1 d 1 h ahead"),
    );
    await panel.waitForFunction(
      () => document.querySelectorAll("#whoami-list .state-expired").length === 2,
    );
    expect(await control(SESSION, "/clock")).toMatchObject({ offsetSeconds: 90_000, real: false });
    expect(await control("default", "/clock")).toMatchObject({ real: true });
    await panel.screenshot({ path: `${SCREENSHOTS}/control-panel-clock-jump.png`, fullPage: true });

    await panel.click("#clock-real");
    await panel.waitForFunction(
      () => document.querySelector("#clock-offset")?.textContent === "real time",
    );
    await panel.waitForSelector("#whoami-list .state-valid");
  });

  it("resets the session: no forced scenario, an empty journal", async () => {
    await panel.click("#variant-seamless button[data-scenario=server-error]");
    await panel.waitForSelector(
      '#variant-seamless button[data-scenario=server-error][aria-pressed="true"]',
    );
    await panel.click("#reset");
    await panel.waitForSelector('button[aria-pressed="true"]', { state: "detached" });
    expect(await control(SESSION, "/scenario?variant=seamless")).toMatchObject({ scenario: null });
    expect(await control(SESSION, "/requests")).toMatchObject({ entries: [] });
    await panel.waitForSelector("#journal-rows:empty", { state: "attached" });
    await panel.uncheck("#session-cookie");
    expect(
      (await context.cookies(servers.url("seamless"))).map((cookie) => cookie.name),
    ).not.toContain("mock-session");
  });

  it("refuses a session id the API would refuse, and says why", async () => {
    await panel.fill("#session-id", "no spaces please");
    await panel.press("#session-id", "Enter");
    await panel.waitForSelector("#session-id[aria-invalid=true]");
    expect(await statusText(panel)).toContain("1 to 64 letters");
    expect(await panel.textContent("#session-current")).toBe(SESSION);
  });
});
