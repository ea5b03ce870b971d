import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { parseRecaptchaMode } from "../mocks/core/recaptcha.ts";
import { SEAMLESS_DEMO } from "../mocks/store/demo-accounts.ts";

async function loginWith(mode: string, recaptchaVal: string) {
  const recaptcha = parseRecaptchaMode(mode);
  if (!recaptcha) throw new Error(`bad mode ${mode}`);
  const reply = await createLoginMock({ recaptcha }).handle("seamless", {
    contentType: "application/json",
    bodyText: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal }),
    prefer: null,
    scenario: null,
  });
  return reply.kind === "response"
    ? reply.headers.find(([name]) => name === "x-mock-scenario")?.[1]
    : reply.kind;
}

describe("reCAPTCHA modes", () => {
  it("accepts any non-empty value by default, like Google's always-pass test key", async () => {
    expect(await loginWith("accept", "anything")).toBe("success");
  });

  it("rejects every value in reject mode with the recaptcha-failed body", async () => {
    expect(await loginWith("reject", "recaptcha_token_from_google")).toBe("recaptcha-failed");
  });

  it("accepts only the configured value in match mode", async () => {
    expect(await loginWith("match:expected-token", "expected-token")).toBe("success");
    expect(await loginWith("match:expected-token", "other-token")).toBe("recaptcha-failed");
  });

  it("checks reCAPTCHA before the credentials", async () => {
    const recaptcha = parseRecaptchaMode("reject");
    const reply = await createLoginMock(recaptcha ? { recaptcha } : {}).handle("seamless", {
      contentType: "application/json",
      bodyText: JSON.stringify({ email: "nobody@seamless.test", password: "x", recaptchaVal: "y" }),
      prefer: null,
      scenario: null,
    });
    expect(reply.kind === "response" && reply.body).toContain("Login Failed!");
  });

  it("refuses modes it does not know", () => {
    expect(parseRecaptchaMode("sometimes")).toBeUndefined();
    expect(parseRecaptchaMode("match:")).toBeUndefined();
  });
});
