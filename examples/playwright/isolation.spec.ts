/**
 * Four workers, one server: every test forces a different scenario at the same time, then its
 * app logs in and must get exactly its own scenario, and its session's journal holds only its
 * own login. Were the sessions shared, the scenarios forced by the others would answer instead.
 */
import { expect, test } from "login-mock/playwright";
import { OAUTH, SEAMLESS } from "./servers.ts";
import { appLogin, openApp } from "./support.ts";

/** Long enough that the other workers force their scenarios while this one waits. */
const OVERLAP_MS = 400;

const CASES = [
  { url: OAUTH, scenario: "token-issued", status: 200 },
  { url: OAUTH, scenario: "invalid-request", status: 400 },
  { url: OAUTH, scenario: "invalid-grant", status: 401 },
  { url: OAUTH, scenario: "account-disabled", status: 403 },
  { url: SEAMLESS, scenario: "recaptcha-failed", status: 401 },
  { url: SEAMLESS, scenario: "missing-fields", status: 422 },
  { url: SEAMLESS, scenario: "too-many-attempts", status: 429 },
  { url: SEAMLESS, scenario: "server-error", status: 500 },
] as const;

for (const { url, scenario, status } of CASES) {
  test.describe(() => {
    test.use({ loginMockUrl: url });

    test(`the app sees only its own forced scenario: ${scenario}`, async ({ page, loginMock }) => {
      await openApp(page);
      await loginMock.force(scenario);
      await page.waitForTimeout(OVERLAP_MS);
      const answer = await appLogin(page, url, await loginMock.describe());
      expect(answer).toEqual({ status, scenario });
      const journal = await loginMock.requests();
      expect(journal.map((entry) => [entry.status, entry.scenario])).toEqual([[status, scenario]]);
    });
  });
}

test.describe("the X-Mock-Session header instead of the cookie", () => {
  test.use({ loginMockSessionVia: "header" });

  test("a counted scenario answers the next login only", async ({ page, loginMock }) => {
    await openApp(page);
    await loginMock.force("server-error", { times: 1 });
    await page.waitForTimeout(OVERLAP_MS);
    const api = await loginMock.describe();
    // No credentials: only the header names the session (the mock allows it in CORS).
    expect(await appLogin(page, OAUTH, api, "omit")).toEqual({
      status: 500,
      scenario: "server-error",
    });
    expect(await appLogin(page, OAUTH, api, "omit")).toEqual({
      status: 200,
      scenario: "token-issued",
    });
    expect((await loginMock.requests()).length).toBe(2);
  });
});
