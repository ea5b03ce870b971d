/**
 * "Session expired" without waiting: sign in without the form, move this test's mock clock past
 * the token's lifetime, and the app's own check says expired. Other tests keep real time.
 */
import { expect, test } from "login-mock/playwright";
import { OAUTH, SEAMLESS } from "./servers.ts";
import { appSessionState, openApp } from "./support.ts";

// A session of its own for each test and retry (the default reuses one per worker, reset).
test.use({ loginMockSessions: "per-test" });

test.describe("a cookie API (Seamless)", () => {
  test.use({ loginMockUrl: SEAMLESS });

  test("the app sees 'session expired' 25 hours later", async ({ page, loginMock }) => {
    const signedIn = await loginMock.signIn();
    expect(signedIn.token).toBeUndefined();
    expect(signedIn.storageState.cookies.map((cookie) => cookie.name)).toContain("token");
    await openApp(page);
    expect(await appSessionState(page, SEAMLESS)).toEqual(["valid"]);

    await loginMock.clock.advance("25h");
    expect(await appSessionState(page, SEAMLESS)).toEqual(["expired"]);
    expect(loginMock.id).toMatch(/^pw-the-app-sees-session-expired-25-hour-[0-9a-f]{12}-r0$/);
    const whoami = await loginMock.whoami();
    expect(whoami.credentials.map((credential) => credential.state)).toEqual(["expired"]);
  });
});

test.describe("a body-token API (your own spec)", () => {
  test.use({ loginMockUrl: OAUTH });

  test("the bearer token expires after its lifetime", async ({ loginMock }) => {
    const { token } = await loginMock.signIn();
    expect(token).toMatch(/^ey/);
    expect((await loginMock.whoami()).credentials[0]?.state).toBe("valid");
    await loginMock.clock.advance("61m");
    expect((await loginMock.whoami({ token: token ?? "" })).credentials[0]?.state).toBe("expired");
    // A wrong secret is refused, with the spec's own field names (none in this code).
    await expect(loginMock.signIn({ secret: "not-the-password" })).rejects.toThrow(/401/);
  });
});
