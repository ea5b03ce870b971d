/**
 * What the Storybook loader does to each story's session, without a browser: a Storybook of more
 * stories than the mock keeps sessions still renders every one (the least recently used story's
 * session is dropped and set up again when it renders next), and a cookie API's signed-in story
 * gets the cookie its login set, for the page to hold.
 */
import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { setUpStory } from "../mocks/storybook/story-session.ts";

describe("a story's session", () => {
  it("sets up 100 stories one after another on one mock, each in its own session", async () => {
    const mock = createLoginMock();
    for (let story = 0; story < 100; story++) {
      const set = await setUpStory(mock, `story-${story}`, { scenario: "network-error", times: 1 });
      expect(set.api).toBe(mock.apis[0]?.id);
    }
    expect(mock.sessionCount()).toBeLessThanOrEqual(mock.sessionLimits.limit);
  });

  it("hands a cookie API's signed-in story the cookie its login set", async () => {
    const mock = createLoginMock();
    const seamless = mock.apis.find((api) => api.token.placement.in === "cookie");
    const set = await setUpStory(mock, "signed-in", { api: seamless?.id ?? "", signedIn: true });
    expect(set.signedIn?.status).toBe(200);
    expect(set.cookie).toMatch(/^token=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(set.cookie?.slice("token=".length)).toBe(set.signedIn?.token);
  });

  it("moves the story's clock and forces its scenario in its own session only", async () => {
    const mock = createLoginMock();
    await setUpStory(mock, "later", { clock: { advance: "25h" }, scenario: "login-failed" });
    const later = mock.session("later");
    expect(later.clock.now() - Date.now()).toBeGreaterThan(24 * 3600 * 1000);
    expect(later.scenario(mock.apis[0]?.id ?? "")).toBe("login-failed");
    expect(mock.session().scenario(mock.apis[0]?.id ?? "")).toBeNull();
  });
});
