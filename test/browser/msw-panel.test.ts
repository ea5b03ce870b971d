/**
 * The control panel in MSW mode (`startWorker({ panel: true })`, the sample app's `?panel=1`):
 * an overlay in the page, in a shadow root, acting on the in-page mock the worker's handlers
 * use. It forces a scenario the app's next login shows, moves the clock so a token it was shown
 * is judged expired, lists the logins in its journal, and puts the page's own requests in a
 * session of its choosing, all without a single network request of its own.
 */
import type { BrowserContext, Locator, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../mocks/core/catalogue/scenario-catalogue.ts";
import { TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import { SCREENSHOTS, useChromiumAndSampleApp } from "./support/chromium-and-app.ts";

const chromium = useChromiumAndSampleApp();

/** The talkstack 5xx example: the test picks from the catalogue, as the overlay does. */
const serverError = SCENARIOS.find(
  (scenario) => scenario.variant === "talkstack" && (scenario.status ?? 0) >= 500,
);

async function logInToTalkStack(page: Page) {
  await page.evaluate(() => {
    const result = document.querySelector<HTMLElement>("#result");
    if (result) result.dataset.state = "pending";
  });
  await page.click("#talkstack button[type=submit]");
  await page.waitForSelector("#result[data-state=success], #result[data-state=error]");
  return {
    state: await page.getAttribute("#result", "data-state"),
    headline: (await page.textContent("[data-testid=headline]")) ?? "",
    body: (await page.textContent("#result pre")) ?? "",
  };
}

describe("the panel overlay in MSW mode", () => {
  let context: BrowserContext;
  let page: Page;
  /** The overlay's elements: Playwright's CSS selectors pierce its open shadow root. */
  let panel: (selector: string) => Locator;
  const requests: Request[] = [];

  beforeAll(async () => {
    context = await chromium.browser.newContext();
    page = await context.newPage();
    page.on("request", (request) => requests.push(request));
    await page.goto(`${chromium.appUrl}/?mode=msw&panel=1`);
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#talkstack [name=email]", TALKSTACK_DEMO.documented.email);
    await page.fill("#talkstack [name=password]", TALKSTACK_DEMO.documented.password);
    panel = (selector) => page.locator(`login-mock-panel ${selector}`);
  });
  afterAll(() => context.close());

  it("sits in a shadow root behind a toggle, which the keyboard opens and Escape closes", async () => {
    const isolated = await page.evaluate(() => {
      const host = document.querySelector("login-mock-panel");
      return {
        shadow: host?.shadowRoot?.getElementById("panel") !== null,
        // Nothing of it in the page's own DOM, where the app's CSS and queries reach.
        inDocument: document.querySelectorAll("#journal-rows, #panel").length,
      };
    });
    expect(isolated).toEqual({ shadow: true, inDocument: 0 });
    expect(await panel("#panel").isVisible()).toBe(false);
    await panel("#toggle").focus();
    await page.keyboard.press("Enter");
    expect(await panel("#panel").isVisible()).toBe(true);
    expect(await panel("#toggle").getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    expect(await panel("#panel").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("LOGIN-MOCK-PANEL");
    await page.keyboard.press("Enter");
    expect(await panel("#panel").isVisible()).toBe(true);
  });

  it("forces a scenario for the next login: the app shows it, then logs in again", async () => {
    expect(serverError).toBeDefined();
    const before = requests.length;
    await panel("#api").selectOption("talkstack");
    await panel("#scenario").selectOption(serverError?.name ?? "");
    await panel("#times-once").check();
    await panel("#force").click();
    expect(await panel("#status").textContent()).toContain(`get ${serverError?.name}`);
    expect(await panel("#pending").getAttribute("data-remaining")).toBe("1");
    // The overlay acted on the in-page mock: not one request.
    expect(requests.slice(before).map((request) => request.url())).toEqual([]);

    const failed = await logInToTalkStack(page);
    expect(failed).toMatchObject({
      state: "error",
      headline: `Login failed: ${serverError?.status}`,
    });
    const next = await logInToTalkStack(page);
    expect(next.state).toBe("success");
    await expect.poll(() => panel("#pending").getAttribute("data-remaining")).toBe("0");
  });

  it("lists the logins in its journal, newest first, with their operation", async () => {
    await expect.poll(() => panel("#journal-rows tr").count()).toBe(2);
    const rows = await panel("#journal-rows tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ["talkstack", "login", "POST /auth/login", "200", "success"],
      ["talkstack", "login", "POST /auth/login", String(serverError?.status), serverError?.name],
    ]);
  });

  it("moves the clock: a token valid now is judged expired past its life", async () => {
    const { token } = JSON.parse((await logInToTalkStack(page)).body) as { token: string };
    await panel("#bearer").fill(token);
    await panel("#whoami-check").click();
    await expect.poll(() => panel("#whoami-list li").getAttribute("data-state")).toBe("valid");
    const before = requests.length;
    const shownBefore = await panel("#clock-now").getAttribute("datetime");

    await panel("#advance").fill("25h");
    await panel("#clock-advance").click();
    expect(await panel("#status").textContent()).toContain("clock moved 1 d 1 h");
    await expect.poll(() => panel("#whoami-list li").getAttribute("data-state")).toBe("expired");
    expect(await panel("#whoami-list li").textContent()).toMatch(
      /bearer token: expired — expired 2[23] h( \d+ min)? ago$/,
    );
    const shownAfter = await panel("#clock-now").getAttribute("datetime");
    expect(Date.parse(shownAfter ?? "") - Date.parse(shownBefore ?? "")).toBeGreaterThanOrEqual(
      25 * 3600 * 1000,
    );
    expect(requests.slice(before)).toEqual([]);

    // The journal's times are the session's: the next login is logged a day on.
    await logInToTalkStack(page);
    await expect.poll(() => panel("#journal-rows tr").count()).toBe(4);
    const times = await panel("#journal-rows tr td:first-child").allTextContents();
    expect(Date.parse(times[0]?.replace(" ", "T") ?? "")).toBeGreaterThan(
      Date.parse(times[1]?.replace(" ", "T") ?? "") + 24 * 3600 * 1000,
    );

    await panel("#clock-reset").click();
    await expect.poll(() => panel("#whoami-list li").getAttribute("data-state")).toBe("valid");
    expect(await panel("#clock-offset").textContent()).toBe("(real time)");
    await page.screenshot({ path: `${SCREENSHOTS}/msw-panel.png`, fullPage: true });
  });

  it("puts the page's own logins in the session it names, through the mock-session cookie", async () => {
    await panel("#session-id").fill("qa-overlay");
    await panel("#session-cookie").check();
    await panel("#session-use").click();
    expect(await page.evaluate(() => document.cookie)).toContain("mock-session=qa-overlay");
    expect(await panel("#journal-rows tr").count()).toBe(0);
    await panel("#scenario").selectOption(serverError?.name ?? "");
    await panel("#times-every").check();
    await panel("#force").click();
    expect((await logInToTalkStack(page)).headline).toBe(`Login failed: ${serverError?.status}`);
    await expect.poll(() => panel("#journal-rows tr").count()).toBe(1);

    // Back to the default session: its scenario was never forced, its journal has 4 logins.
    await panel("#session-id").fill("default");
    await panel("#session-use").click();
    expect(await page.evaluate(() => document.cookie)).not.toContain("mock-session=");
    expect(await panel("#active").textContent()).toBe("none (the request data decides)");
    expect((await logInToTalkStack(page)).state).toBe("success");
    await expect.poll(() => panel("#journal-rows tr").count()).toBe(5);
  });
});
