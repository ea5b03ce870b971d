/**
 * The helpers the e2e tests here share: control API calls that act on one mock session, and
 * the app opened in that session. Copy them into your own suite.
 */
import { type JournalEntry, SESSION_COOKIE, SESSION_HEADER, type Variant } from "login-mock";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";

/** The URLs global-setup.ts started (the same for every worker). */
export const servers = inject("e2e");

/**
 * A control API call in `session`. Either server's `/__mock/` controls both APIs; the
 * X-Mock-Session header says whose scenarios, clock and journal it acts on.
 */
export async function control<T = unknown>(
  session: string,
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${servers.seamless}/__mock${path}`, {
    method,
    headers: {
      [SESSION_HEADER]: session,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /__mock${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** From now on every login of `variant` in `session` gets `scenario`; other sessions do not. */
export const forceScenario = (session: string, variant: Variant, scenario: string) =>
  control(session, "PUT", "/scenario", { variant, scenario });

/** Moves `session`'s clock: tokens issued in it expire as if that much time had passed. */
export const advanceClock = (session: string, seconds: number) =>
  control(session, "PUT", "/clock", { advanceSeconds: seconds });

/** What `session`'s requests were, newest first (field checks, never values). */
export const journalOf = async (session: string) =>
  (await control<{ entries: JournalEntry[] }>(session, "GET", "/requests")).entries;

/**
 * Waits until `session` has `scenario` forced. Only the parallel tests here use it, to prove
 * two sessions hold different scenarios at the same moment; your tests need no such wait.
 */
export async function waitForScenario(
  session: string,
  variant: Variant,
  scenario: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const active = await control<{ scenario: string | null }>(
      session,
      "GET",
      `/scenario?variant=${variant}`,
    );
    if (active.scenario === scenario) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `[e2e] Session ${session} never forced ${scenario}: the e2e files must run in parallel (maxWorkers 2 or more).`,
  );
}

/**
 * Opens the app in a fresh browser context (its own cookies) whose requests all belong to
 * `session`: `via: "query"` lets the app send X-Mock-Session itself (`?session=`), `via:
 * "cookie"` sets the `mock-session` cookie, for an app you cannot change.
 */
export async function openApp(
  browser: Browser,
  session: string,
  via: "query" | "cookie",
): Promise<Page> {
  const context = await browser.newContext();
  const query = new URLSearchParams({
    mode: "server",
    talkstack: servers.talkstack,
    seamless: servers.seamless,
  });
  if (via === "query") query.set("session", session);
  // Cookies belong to a host, not a port: this one reaches both mock servers.
  else await context.addCookies([{ name: SESSION_COOKIE, value: session, url: servers.seamless }]);
  const page = await context.newPage();
  await page.goto(`${servers.app}/?${query}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Submits the app's login form for `variant` and returns what it shows. */
export async function logIn(
  page: Page,
  variant: Variant,
  account: { email: string; password: string },
) {
  await page.fill(`#${variant} [name=email]`, account.email);
  await page.fill(`#${variant} [name=password]`, account.password);
  await page.click(`#${variant} button[type=submit]`);
  await page.waitForSelector("#result[data-state=success], #result[data-state=error]");
  return {
    headline: await page.textContent("[data-testid=headline]"),
    message: await page.textContent("[data-testid=message]"),
  };
}
