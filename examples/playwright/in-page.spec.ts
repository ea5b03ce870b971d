/**
 * With no server at all: the sample app in development runs the mock in the page, under MSW's
 * worker (`startWorker` from login-mock/browser), and `loginMockIn: "page"` acts on that mock
 * through the page, in the test's own session (the `mock-session` cookie on the app's origin).
 */
import { expect, test } from "login-mock/playwright";
import { MSW_APP } from "./servers.ts";

test.use({ loginMockIn: "page", baseURL: MSW_APP });

async function logInToTalkStack(page: import("@playwright/test").Page) {
  await page.evaluate(() => {
    const result = document.querySelector<HTMLElement>("#result");
    if (result) result.dataset.state = "pending";
  });
  await page.click("#talkstack button[type=submit]");
  await page.waitForSelector("#result[data-state=success], #result[data-state=error]");
  return (await page.textContent("[data-testid=headline]")) ?? "";
}

test("forces the next login's failure in the page's own mock, then logs in", async ({
  page,
  loginMock,
}) => {
  await page.goto("/");
  await page.waitForSelector("body[data-ready=true]");
  await loginMock.force("login-failed", { times: 1 });
  expect(await logInToTalkStack(page)).toBe("Login failed: 500");
  expect(await logInToTalkStack(page)).toMatch(/^Signed in as /);
  const entries = await loginMock.requests();
  expect(entries.map((entry) => [entry.operation, entry.status, entry.scenario])).toEqual([
    ["login", 200, "success"],
    ["login", 500, "login-failed"],
  ]);
});

test("moves the page's clock past the token's life", async ({ page, loginMock }) => {
  await page.goto("/");
  await page.waitForSelector("body[data-ready=true]");
  await logInToTalkStack(page);
  const body = JSON.parse((await page.textContent("#result pre")) ?? "{}") as { token: string };
  expect((await loginMock.whoami({ token: body.token })).credentials[0]?.state).toBe("valid");
  await loginMock.clock.advance("3h");
  expect((await loginMock.whoami({ token: body.token })).credentials[0]?.state).toBe("expired");
});
