/**
 * A deliberately failing test, skipped unless LOGIN_MOCK_SHOW_FAILURE=1: its output shows the
 * journal of its own session (field verdicts, never a value), also attached to the report.
 */
import { expect, test } from "login-mock/playwright";
import { OAUTH } from "./servers.ts";
import { appLogin, openApp } from "./support.ts";

test("shows its session's journal when it fails", async ({ page, loginMock }) => {
  test.skip(!process.env.LOGIN_MOCK_SHOW_FAILURE, "set LOGIN_MOCK_SHOW_FAILURE=1 to see a failure");
  await openApp(page);
  await loginMock.force("account-disabled");
  const answer = await appLogin(page, OAUTH, await loginMock.describe());
  expect(answer.status, "the demo account should sign in").toBe(200);
});
