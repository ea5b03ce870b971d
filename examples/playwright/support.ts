/**
 * A stand-in for your app: one blank page on its own origin (app-server.ts) whose code calls the
 * mock the way an app does, with `fetch`. The app knows nothing of mock sessions: the fixture's
 * cookie (or header) puts its requests in the test's session.
 */
import type { Page } from "@playwright/test";
import type { LoginApiDescription } from "login-mock/playwright";

export async function openApp(page: Page): Promise<void> {
  await page.goto("/");
}

export interface AppResponse {
  readonly status: number;
  readonly scenario: string | null;
}

/** The app logs in with the demo account, as the spec describes it, and reads the answer. */
export function appLogin(
  page: Page,
  mockUrl: string,
  api: LoginApiDescription,
  credentials: RequestCredentials = "include",
): Promise<AppResponse> {
  if (!("body" in api.demo)) throw new Error(`no demo login: ${api.demo.reason}`);
  return page.evaluate(
    async ({ url, method, mediaType, body, credentials }) => {
      const response = await fetch(url, {
        method,
        headers: { "content-type": mediaType },
        body,
        credentials,
      });
      return { status: response.status, scenario: response.headers.get("x-mock-scenario") };
    },
    {
      url: `${mockUrl}${api.login.path}`,
      method: api.login.method,
      mediaType: api.demo.mediaType,
      body: api.demo.body,
      credentials,
    },
  );
}

/** What the app's own "am I still signed in?" call to the mock says (whoami allows CORS). */
export function appSessionState(page: Page, mockUrl: string): Promise<string[]> {
  return page.evaluate(async (url) => {
    const response = await fetch(`${url}/__mock/whoami`, { credentials: "include" });
    const body = (await response.json()) as { credentials: { state: string }[] };
    return body.credentials.map((credential) => credential.state);
  }, mockUrl);
}
