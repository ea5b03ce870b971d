/**
 * Refresh and logout in the sample app (examples/app), in Debian's Chromium against the
 * standalone server, each test in its own mock session (`?session=`, X-Mock-Session):
 *
 * - a TalkStack login outlives its 2 h token: the session's clock jumps past it, the app's
 *   session check finds the token expired, refreshes it silently and stays signed in;
 * - a logout revokes the login: whoami reads the old token as revoked, its refresh token is
 *   refused;
 * - a rotated refresh token sent again is refused as reused and revokes its family, whether the
 *   test sends it or the app does (another tab spent it first);
 * - a Seamless logout clears the httpOnly cookie from the browser's cookie store, cross-origin in
 *   server mode and same-origin through the dev server's proxy.
 *
 * The tokens come from the traffic the test watches (the app keeps them in memory, as a real app
 * does); whoami, the clock and direct refreshes are the test's own calls from Node, in the same
 * session. Screenshots land in test-results/screenshots/.
 */
import type { BrowserContext, Page, Request } from "playwright-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../../presets/demo-accounts.ts";
import { useHttpServers } from "../support/http-servers.ts";
import { SCREENSHOTS, useChromiumAndSampleApp } from "./support/chromium-and-app.ts";

/** TalkStack's token lifetime (`x-token-lifetime-seconds` in openapi/talkstack.yaml), plus a minute. */
const PAST_ACCESS_TOKEN_LIFE = 7200 + 60;

const servers = useHttpServers();
// The dev server's proxy (`?mode=proxy`) targets MOCK_SERVER_URL, read when Vite loads the
// config: these servers' Seamless port, set between their start and the app's.
let previousTarget: string | undefined;
beforeAll(() => {
  previousTarget = process.env.MOCK_SERVER_URL;
  process.env.MOCK_SERVER_URL = servers.url("seamless");
});
const chromium = useChromiumAndSampleApp();
beforeAll(() => {
  if (previousTarget === undefined) delete process.env.MOCK_SERVER_URL;
  else process.env.MOCK_SERVER_URL = previousTarget;
});

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A fresh browser context (no cookies) with the app open in `mode`, in mock session `session`. */
async function openApp(session: string, mode: "server" | "proxy" = "server"): Promise<Page> {
  context = await chromium.browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const query = new URLSearchParams({
    mode,
    session,
    talkstack: servers.url("talkstack"),
    seamless: servers.url("seamless"),
  });
  await page.goto(`${chromium.appUrl}/?${query}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

interface TokenPair {
  token: string;
  refreshToken: string;
}

/** Logs in to TalkStack through the app's form; the tokens the server sent it. */
async function logInToTalkStack(page: Page): Promise<TokenPair> {
  await page.fill("#talkstack [name=email]", TALKSTACK_DEMO.documented.email);
  await page.fill("#talkstack [name=password]", TALKSTACK_DEMO.documented.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/auth/login") && r.request().method() === "POST"),
    page.click("#talkstack button[type=submit]"),
  ]);
  await page.waitForSelector("#result[data-state=success]");
  return (await response.json()) as TokenPair;
}

async function logInToSeamless(page: Page): Promise<void> {
  await page.fill("#seamless [name=email]", SEAMLESS_DEMO.documented.email);
  await page.fill("#seamless [name=password]", SEAMLESS_DEMO.documented.password);
  await page.click("#seamless button[type=submit]");
  await page.waitForSelector("#result[data-state=success]");
  expect(await page.textContent("[data-testid=headline]")).toBe("Signed in as Demo User");
}

/** Clicks "Check my session" and waits for its answer. */
async function checkSession(page: Page) {
  await page.click("#check-session");
  await page.waitForSelector("#session:not([data-state=pending])");
  return {
    state: await page.getAttribute("#session", "data-state"),
    refreshes: await page.getAttribute("#session", "data-refreshes"),
    headline: (await page.textContent("[data-testid=session-headline]")) ?? "",
    lines: await page.locator("#session li").allTextContents(),
  };
}

/** Clicks "Log out" and waits for the signed-out view; the requests it sent, by URL. */
async function logOut(page: Page): Promise<Map<string, { auth: string | null; body: unknown }>> {
  const sent = new Map<string, { auth: string | null; body: unknown }>();
  const record = (request: Request) => {
    if (request.method() === "POST" && request.url().endsWith("/auth/logout"))
      sent.set(request.url(), {
        auth: request.headers().authorization ?? null,
        body: request.postData() ? request.postDataJSON() : null,
      });
  };
  page.on("request", record);
  await page.click("#log-out");
  await page.waitForSelector("#result[data-state=signed-out]");
  page.off("request", record);
  return sent;
}

/** `PUT /__mock/clock` for one session, from Node (the control API takes no cross-origin calls). */
async function advanceClock(session: string, seconds: number): Promise<void> {
  const response = await fetch(`${servers.url("talkstack")}/__mock/clock`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-mock-session": session },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

/** What whoami, judged in `session`, says of one credential: its state. */
async function whoami(session: string, sent: { bearer?: string; cookie?: string }) {
  const headers: Record<string, string> = { "x-mock-session": session };
  if (sent.bearer) headers.authorization = `Bearer ${sent.bearer}`;
  if (sent.cookie) headers.cookie = `token=${sent.cookie}`;
  const response = await fetch(`${servers.url("seamless")}/__mock/whoami`, { headers });
  const body = (await response.json()) as { credentials: { source: string; state: string }[] };
  return body.credentials.map((credential) => `${credential.source} ${credential.state}`);
}

/** `POST /auth/refresh` from Node in `session`: its status, the scenario that answered, the body. */
async function refresh(session: string, refreshToken: string) {
  const response = await fetch(`${servers.url("talkstack")}/auth/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-mock-session": session },
    body: JSON.stringify({ refreshToken }),
  });
  return {
    status: response.status,
    scenario: response.headers.get("x-mock-scenario"),
    body: (await response.json()) as Partial<TokenPair> & { message?: string },
  };
}

/** Jumps the clock past the token's life and checks the session: the app refreshes silently. */
async function expireAndRefresh(page: Page, session: string): Promise<TokenPair> {
  await advanceClock(session, PAST_ACCESS_TOKEN_LIFE);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/auth/refresh")),
    checkSession(page),
  ]);
  expect(response.status()).toBe(200);
  return (await response.json()) as TokenPair;
}

describe("TalkStack: silent refresh", () => {
  it("refreshes an expired token silently after a clock jump past its 2 h life, and stays signed in", async () => {
    const session = "refresh-silent";
    const page = await openApp(session);
    const login = await logInToTalkStack(page);
    expect(await checkSession(page)).toMatchObject({ state: "valid", refreshes: "0" });

    await advanceClock(session, PAST_ACCESS_TOKEN_LIFE);
    // The jump really expired the login's token: the app has something to do.
    expect(await whoami(session, { bearer: login.token })).toEqual(["bearer expired"]);

    const refreshes: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/auth/refresh")) refreshes.push(request.postData() ?? "");
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/auth/refresh")),
      page.click("#check-session"),
    ]);
    await page.waitForSelector('#session[data-state=valid][data-refreshes="1"]');
    // The app spent the login's refresh token, once, and got a new pair.
    expect(refreshes).toEqual([JSON.stringify({ refreshToken: login.refreshToken })]);
    const renewed = (await response.json()) as TokenPair;
    expect(renewed.token).not.toBe(login.token);
    expect(renewed.refreshToken).not.toBe(login.refreshToken);

    expect(await page.textContent("[data-testid=session-headline]")).toBe(
      `Signed in as ${TALKSTACK_DEMO.documented.email}`,
    );
    expect(await page.locator("#session li").allTextContents()).toEqual([
      expect.stringMatching(/^TalkStack token: valid for (1 h 59|2 h 0) min$/),
      "TalkStack token refreshed",
    ]);
    // The user never left: the signed-in view is still there.
    expect(await page.getAttribute("#result", "data-state")).toBe("success");
    // The server judges the new token valid on the moved clock; the old one stays expired.
    expect(await whoami(session, { bearer: renewed.token })).toEqual(["bearer valid"]);
    expect(await whoami(session, { bearer: login.token })).toEqual(["bearer expired"]);
    await page.screenshot({ path: `${SCREENSHOTS}/sample-app-refreshed.png`, fullPage: true });
  });

  it("signs out when the refresh is refused: its refresh token was already spent elsewhere", async () => {
    const session = "refresh-refused";
    const page = await openApp(session);
    const login = await logInToTalkStack(page);
    // Another tab (here the test) spends the app's refresh token first: rotation retires it.
    const elsewhere = await refresh(session, login.refreshToken);
    expect(elsewhere.status).toBe(200);

    await advanceClock(session, PAST_ACCESS_TOKEN_LIFE);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/auth/refresh")),
      page.click("#check-session"),
    ]);
    await page.waitForSelector("#session[data-state=ended]");
    expect(response.status()).toBe(401);
    expect(await page.textContent("[data-testid=session-headline]")).toBe(
      "Your session ended — sign in again",
    );
    expect(await page.getAttribute("#result", "data-state")).toBe("signed-out");
    expect(await page.getAttribute("#session", "data-refreshes")).toBe("0");
    // Reuse revoked the family: the other tab's newer token is refused too.
    expect((await refresh(session, elsewhere.body.refreshToken ?? "")).status).toBe(401);
    await page.screenshot({ path: `${SCREENSHOTS}/sample-app-session-ended.png`, fullPage: true });
  });
});

describe("TalkStack: logout", () => {
  it("logs out with the bearer token and the refresh token: whoami says revoked, the refresh is refused", async () => {
    const session = "refresh-logout";
    const page = await openApp(session);
    const login = await logInToTalkStack(page);
    const renewed = await expireAndRefresh(page, session);

    const sent = await logOut(page);
    // The app sent the current pair, the refreshed one.
    expect(sent.get(`${servers.url("talkstack")}/auth/logout`)).toEqual({
      auth: `Bearer ${renewed.token}`,
      body: { refreshToken: renewed.refreshToken },
    });
    expect(await page.textContent("[data-testid=headline]")).toBe("Signed out");
    expect(await page.textContent("[data-testid=message]")).toBe(
      "TalkStack: logged out. Seamless: logged out",
    );

    // Both tokens of that login read as revoked, and its last refresh token is refused.
    expect(await whoami(session, { bearer: renewed.token })).toEqual(["bearer revoked"]);
    expect(await whoami(session, { bearer: login.token })).toEqual(["bearer revoked"]);
    const refused = await refresh(session, renewed.refreshToken);
    expect(refused).toMatchObject({ status: 401, scenario: "refresh-token-invalid" });

    // The app forgot the tokens: it has nothing to send, so it is not signed in.
    expect(await checkSession(page)).toMatchObject({
      state: "signed-out",
      headline: "You are not signed in",
    });
    await page.screenshot({ path: `${SCREENSHOTS}/sample-app-logged-out.png`, fullPage: true });
  });
});

describe("TalkStack: a reused refresh token", () => {
  it("is refused as reused, and revokes its family: the newer refresh token is refused too", async () => {
    const session = "refresh-reuse";
    const page = await openApp(session);
    const login = await logInToTalkStack(page);

    const first = await refresh(session, login.refreshToken);
    expect(first.status).toBe(200);
    const newer = first.body as TokenPair;
    expect(newer.refreshToken).not.toBe(login.refreshToken);

    const reused = await refresh(session, login.refreshToken);
    expect(reused).toMatchObject({
      status: 401,
      scenario: "refresh-token-reused",
      body: { message: "Refresh token already used. Please log in again." },
    });
    // The whole family is revoked: the newer refresh token and every access token of the login.
    expect(await refresh(session, newer.refreshToken)).toMatchObject({
      status: 401,
      scenario: "refresh-token-invalid",
    });
    expect(await whoami(session, { bearer: newer.token })).toEqual(["bearer revoked"]);
    expect(await whoami(session, { bearer: login.token })).toEqual(["bearer revoked"]);
    // And the app, holding that login's token, is told its session ended.
    expect(await checkSession(page)).toMatchObject({
      state: "ended",
      headline: "Your session ended — sign in again",
      lines: ["TalkStack token: revoked"],
    });
  });
});

describe("Seamless: logout clears the httpOnly cookie", () => {
  async function logInAndOut(mode: "server" | "proxy", session: string, cookieUrl: string) {
    const page = await openApp(session, mode);
    await logInToSeamless(page);
    const browser = context as BrowserContext;
    const cookie = (await browser.cookies(cookieUrl)).find((c) => c.name === "token");
    expect(cookie?.httpOnly).toBe(true);
    expect(await checkSession(page)).toMatchObject({ state: "valid" });

    const sent = await logOut(page);
    // Seamless' logout carries no token of the page's own: the browser sends the cookie.
    expect(
      sent.get(`${mode === "proxy" ? chromium.appUrl : servers.url("seamless")}/auth/logout`),
    ).toEqual({ auth: null, body: null });
    expect(await page.textContent("[data-testid=message]")).toBe("Seamless: logged out");
    // The browser's cookie store no longer holds it.
    expect((await browser.cookies()).filter((c) => c.name === "token")).toEqual([]);
    // The old cookie value is revoked, and the app, with no cookie to send, is signed out.
    expect(await whoami(session, { cookie: cookie?.value ?? "" })).toEqual(["cookie revoked"]);
    expect(await checkSession(page)).toMatchObject({
      state: "signed-out",
      headline: "You are not signed in",
      lines: [],
    });
    return page;
  }

  it("server mode: the cross-origin logout drops the cookie stored for 127.0.0.1", async () => {
    const page = await logInAndOut("server", "refresh-seamless-server", servers.url("seamless"));
    await page.screenshot({
      path: `${SCREENSHOTS}/sample-app-seamless-logged-out.png`,
      fullPage: true,
    });
  });

  it("proxy mode: the same-origin logout through the dev server's proxy drops the cookie", async () => {
    await logInAndOut("proxy", "refresh-seamless-proxy", chromium.appUrl);
  });
});
