/**
 * The QA control panel in Chromium: one page on either port for both APIs, acting on the
 * session QA picks, with the clock, the browser's own login (whoami), the live request journal
 * (logins, refreshes, logouts), accounts with their own outcome, counted scenarios and, on an
 * RS256 mock, its keys. Screenshots land in test-results/screenshots/.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Variant } from "../../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import { type TestServers, useHttpServers } from "../support/http-servers.ts";
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

/** A POST with a JSON body to `path` of `variant` in `session`, from Node: status and body. */
async function post(
  variant: Variant,
  path: string,
  body: unknown,
  session: string,
  on: TestServers = servers,
) {
  const response = await fetch(`${on.url(variant)}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-mock-session": session },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    scenario: response.headers.get("x-mock-scenario"),
    body: (await response.json().catch(() => null)) as Record<string, unknown> | null,
  };
}

async function openPanel(
  context: BrowserContext,
  variant: Variant = "seamless",
  on: TestServers = servers,
  session?: string,
): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 1400, height: 900 });
  await panel.goto(`${on.url(variant)}/__mock/${session ? `?session=${session}` : ""}`);
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
    expect(rows[0]).toMatch(/seamless\s+login\s+POST \/auth\/login\s+200/);
    expect(rows[2]).toMatch(/seamless\s+login\s+POST \/auth\/login\s+401/);
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

describe("what a session holds: accounts with an outcome, counted scenarios, refresh and logout", () => {
  const HOLDS = "qa-panel-holds";
  const OUTCOME = {
    email: "unverified@example.com",
    password: "pw-unverified-7",
    answer: "account-not-verified",
  };
  let context: BrowserContext;
  let panel: Page;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
    panel = await openPanel(context, "talkstack", servers, HOLDS);
  });
  afterAll(() => context.close());
  const talkstackLogin = (email: string, password: string, session = HOLDS) =>
    post("talkstack", "/auth/login", { email, password }, session);
  const pendingOf = (variant: Variant) =>
    panel.getAttribute(`[data-pending-for=${variant}]`, "data-remaining");

  it("adds an account with its own outcome in the panel's session: a login as it answers that outcome, the demo account still logs in", async () => {
    expect(await panel.textContent("#session-current")).toBe(HOLDS);
    await panel.fill("#account-identity-talkstack", OUTCOME.email);
    await panel.fill("#account-secret-talkstack", OUTCOME.password);
    await panel.selectOption("#account-answer-talkstack", OUTCOME.answer);
    await panel.fill("#account-delay-talkstack", "20");
    await panel.click("form[data-accounts-for=talkstack] button[type=submit]");
    const listed = "[data-extra-accounts-for=talkstack]";
    await panel.waitForFunction(
      ([selector, email]) => document.querySelector(selector)?.textContent?.includes(email),
      [listed, OUTCOME.email] as const,
    );
    expect(await panel.locator(`${listed} tr`).allInnerTexts()).toEqual([
      `${OUTCOME.email}\tits own\t${OUTCOME.answer}\t20 ms`,
    ]);
    expect(await statusText(panel)).toContain(`added to session ${HOLDS}`);
    // The password is nowhere on the page, not even in its field.
    expect(await panel.inputValue("#account-secret-talkstack")).toBe("");
    expect(await panel.content()).not.toContain(OUTCOME.password);
    expect(await panel.textContent("[data-extra-accounts-for=seamless]")).toContain("None");

    expect(await talkstackLogin(OUTCOME.email, OUTCOME.password)).toMatchObject({
      status: 403,
      scenario: OUTCOME.answer,
    });
    expect(
      await talkstackLogin(TALKSTACK_DEMO.documented.email, TALKSTACK_DEMO.documented.password),
    ).toMatchObject({ status: 200, scenario: "success" });
    // Sessions keep it apart: the default session has no such account.
    expect(await talkstackLogin(OUTCOME.email, OUTCOME.password, "default")).toMatchObject({
      status: 404,
    });
    expect(await control("default", "/accounts")).toMatchObject({ accounts: [] });
    expect(await control(HOLDS, "/accounts")).toMatchObject({
      accounts: [{ api: "talkstack", identity: OUTCOME.email, secret: "(set)" }],
    });
    // The panel switched to another session lists that session's accounts: none.
    const useSession = async (id: string) => {
      await panel.fill("#session-id", id);
      await panel.press("#session-id", "Enter");
      await panel.waitForFunction(
        (shown) =>
          document.querySelector("#status")?.textContent === `Now acting on session ${shown}.`,
        id,
      );
    };
    await useSession("default");
    expect(await panel.textContent(listed)).toBe("None in this session yet.");
    await useSession(HOLDS);
    expect(await panel.textContent(listed)).toContain(OUTCOME.email);
  });

  it("says readably why the API refuses an account", async () => {
    await panel.fill("#account-identity-talkstack", "nobody@example.com");
    await panel.click("form[data-accounts-for=talkstack] button[type=submit]");
    await panel.waitForSelector("#status[data-kind=error]");
    const said = await statusText(panel);
    expect(said).toContain(
      "The account was not added: password: is missing, and talkstack has no account nobody@example.com.",
    );
    expect(said).not.toContain("POST /__mock/accounts takes");
    expect(await panel.textContent("[data-accounts-error-for=talkstack]")).toContain(
      "password: is missing",
    );
    expect(await control(HOLDS, "/accounts")).toMatchObject({
      accounts: [{ identity: OUTCOME.email }],
    });
  });

  it("queues a scenario for the next login only or the next n, showing what is left as logins take it", async () => {
    await panel.check("#times-once-seamless");
    await panel.click("#variant-seamless button[data-scenario=server-error]");
    await panel.waitForSelector('[data-pending-for=seamless][data-remaining="1"]');
    expect(await panel.textContent("[data-pending-for=seamless]")).toBe(
      "Next login only: server-error (1 left), then the forced scenario above.",
    );
    expect(await control(HOLDS, "/scenario?variant=seamless")).toMatchObject({
      scenario: null,
      pending: { seamless: { name: "server-error", remaining: 1 } },
    });

    // Typing a count picks "the next n logins".
    await panel.fill("#times-talkstack", "2");
    expect(await panel.isChecked("#times-n-talkstack")).toBe(true);
    await panel.click("#variant-talkstack button[data-scenario=login-failed]");
    await panel.waitForSelector('[data-pending-for=talkstack][data-remaining="2"]');
    expect(await pendingOf("seamless")).toBe("1");
    expect(await statusText(panel)).toContain("The next 2 ");

    // Each login takes one; the panel shows the count going down without a click.
    const demo = TALKSTACK_DEMO.documented;
    expect(await talkstackLogin(demo.email, demo.password)).toMatchObject({ status: 500 });
    await panel.waitForSelector('[data-pending-for=talkstack][data-remaining="1"]', {
      timeout: 10_000,
    });
    expect(await panel.textContent("[data-pending-for=talkstack]")).toContain("(1 left)");
    expect(await talkstackLogin(demo.email, demo.password)).toMatchObject({ status: 500 });
    await panel.waitForSelector('[data-pending-for=talkstack][data-remaining="0"]', {
      timeout: 10_000,
    });
    expect(await panel.textContent("[data-pending-for=talkstack]")).toBe(
      "No counted scenario queued.",
    );
    expect(await talkstackLogin(demo.email, demo.password)).toMatchObject({ status: 200 });

    // "The next n" without a count is refused before anything is sent.
    await panel.fill("#times-talkstack", "");
    await panel.click("#variant-talkstack button[data-scenario=login-failed]");
    await panel.waitForSelector("#status[data-kind=error]");
    expect(await statusText(panel)).toContain("Type how many");
    expect(await control(HOLDS, "/scenario?variant=talkstack")).toMatchObject({ scenario: null });
    expect(await control(HOLDS, "/scenario")).not.toHaveProperty("pending.talkstack");
    await panel.check("#times-every-talkstack");
    await panel.click('#variant-seamless button[data-action="clear"]');
    await panel.waitForSelector('[data-pending-for=seamless][data-remaining="0"]');
  });

  it("shows refresh and logout in the journal, and a logged-out token as revoked", async () => {
    await panel.click("#journal-clear");
    const demo = TALKSTACK_DEMO.documented;
    const login = await talkstackLogin(demo.email, demo.password);
    const { token, refreshToken } = login.body as { token: string; refreshToken: string };
    const refreshed = await post("talkstack", "/auth/refresh", { refreshToken }, HOLDS);
    expect(refreshed.status).toBe(200);
    await panel.waitForSelector("#journal-rows tr[data-operation=refresh]", { timeout: 10_000 });
    expect(
      (await panel.locator("#journal-rows tr[data-operation=refresh]").allInnerTexts())[0],
    ).toMatch(/talkstack\s+refresh\s+POST \/auth\/refresh\s+200\s+refreshed/);

    const next = (refreshed.body as { refreshToken: string }).refreshToken;
    expect(
      (await post("talkstack", "/auth/logout", { refreshToken: next }, HOLDS)).status,
    ).toBeLessThan(300);
    await panel.waitForSelector("#journal-rows tr[data-operation=logout]", { timeout: 10_000 });
    const operations = await panel.$$eval("#journal-rows tr", (rows) =>
      rows.map((row) => (row as HTMLElement).dataset.operation),
    );
    expect(operations).toEqual(["logout", "refresh", "login"]);
    expect(await panel.locator("#journal-rows tr .op-refresh").count()).toBe(1);

    await panel.fill("#bearer", token);
    await panel.press("#bearer", "Enter");
    await panel.waitForSelector("#whoami-list .state-revoked");
    expect(await panel.textContent("#whoami-list")).toContain(
      "bearer token: revoked — ended by a logout or a reused refresh token",
    );
    await panel.screenshot({
      path: `${SCREENSHOTS}/control-panel-session-holds.png`,
      fullPage: true,
    });
  });
});

describe("the keys of an RS256 mock", () => {
  const rs256 = useHttpServers({ alg: "RS256" });
  let context: BrowserContext;
  beforeAll(async () => {
    context = await chromium.browser.newContext();
  });
  afterAll(() => context.close());
  const published = async () => {
    const response = await fetch(`${rs256.url("talkstack")}/.well-known/jwks.json`);
    return ((await response.json()) as { keys: { kid: string; n: string }[] }).keys;
  };

  it("lists the JWKS's kids and rotates to a new one", async () => {
    const panel = await openPanel(context, "talkstack", rs256);
    expect(await panel.textContent("#keys-alg")).toBe("RS256");
    await panel.waitForSelector("#keys-list tr[data-kid]");
    const [first] = await published();
    const kids = () =>
      panel.$$eval("#keys-list tr[data-kid]", (rows) =>
        rows.map((row) => (row as HTMLElement).dataset.kid),
      );
    expect(await kids()).toEqual([first?.kid]);
    expect((await panel.locator("#keys-list tr").allInnerTexts())[0]).toMatch(
      /RSA\s+RS256\s+signs new tokens/,
    );

    // No polling: the list the click shows is the one the rotation refreshed.
    await panel.uncheck("#journal-live");
    await panel.click("#keys-rotate");
    await panel.waitForFunction(
      () => document.querySelectorAll("#keys-list tr[data-kid]").length === 2,
      undefined,
      { timeout: 5_000 },
    );
    const after = await published();
    expect(after).toHaveLength(2);
    expect(await kids()).toEqual(after.map((key) => key.kid));
    const added = after[1]?.kid ?? "missing";
    expect(added).not.toBe(first?.kid);
    expect(await statusText(panel)).toContain(`kid ${added}`);
    // Nothing of a key but its kid, kty and alg.
    expect(await panel.textContent("#keys")).not.toContain(after[1]?.n.slice(0, 16));
    await panel.screenshot({ path: `${SCREENSHOTS}/control-panel-keys.png`, fullPage: true });
    await panel.close();
  });

  it("has no rotate button on an HS256 mock", async () => {
    const panel = await openPanel(context, "talkstack");
    expect(await panel.textContent("#keys-alg")).toBe("HS256");
    expect(await panel.locator("#keys-rotate").count()).toBe(0);
    await panel.close();
  });
});
