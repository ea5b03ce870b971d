import { defaultMock, forceScenario, server } from "login-mock/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// msw 2 spells the option `onUnhandledRequest`; msw 3 renamed it.
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers(); // drops forceScenario overrides
  defaultMock.reset(); // restores the seeded users
});
afterAll(() => server.close());

// Your app's own code would make this call; the mock answers on the vendor's real URL.
function login(body: object) {
  return fetch("https://seamless-sandbox-dev-cm.oriserve.com/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

it("logs in with the vendor's example credentials and gets the token cookie", async () => {
  const response = await login({
    email: "user@example.com",
    password: "securePassword123",
    recaptchaVal: "recaptcha_token_from_google",
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("set-cookie")).toMatch(/^token=.+; HttpOnly; Secure; SameSite=None$/);
});

it("shows the reCAPTCHA error when QA forces it", async () => {
  server.use(...forceScenario("seamless", "recaptcha-failed"));
  const response = await login({ email: "user@example.com", password: "x", recaptchaVal: "y" });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({
    status: "failed",
    data: { message: "Login Failed!" },
    message: "Login Failed",
  });
});
