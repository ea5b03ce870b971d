import { describe, expect, it } from "vitest";
import { createLoginMock, type LoginMockOptions } from "../mocks/core/login-mock.ts";
import { type ChallengeMode, parseChallengeMode } from "../mocks/core/pipeline/challenge.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";

function modeOf(text: string): ChallengeMode {
  const mode = parseChallengeMode(text);
  if (!mode) throw new Error(`bad mode ${text}`);
  return mode;
}

async function loginOn(options: LoginMockOptions, recaptchaVal: string) {
  const { email, password } = SEAMLESS_DEMO.documented;
  const reply = await createLoginMock(options).handle("seamless", {
    contentType: "application/json",
    bodyText: JSON.stringify({ email, password, recaptchaVal }),
    prefer: null,
    scenario: null,
  });
  return reply.kind === "response"
    ? reply.headers.find(([name]) => name === "x-mock-scenario")?.[1]
    : reply.kind;
}

const loginWith = (mode: string, recaptchaVal: string) =>
  loginOn({ challenge: modeOf(mode) }, recaptchaVal);

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

  it("still takes the mode under the deprecated option name `recaptcha`", async () => {
    expect(await loginOn({ recaptcha: modeOf("reject") }, "token")).toBe("recaptcha-failed");
    expect(await loginOn({ recaptcha: modeOf("match:expected-token") }, "expected-token")).toBe(
      "success",
    );
  });

  it("lets `challenge` win when both option names are given", async () => {
    const both = { challenge: modeOf("accept"), recaptcha: modeOf("reject") };
    expect(await loginOn(both, "token")).toBe("success");
  });

  it("checks reCAPTCHA before the credentials", async () => {
    const reply = await createLoginMock({ challenge: modeOf("reject") }).handle("seamless", {
      contentType: "application/json",
      bodyText: JSON.stringify({ email: "nobody@seamless.test", password: "x", recaptchaVal: "y" }),
      prefer: null,
      scenario: null,
    });
    expect(reply.kind === "response" && reply.body).toContain("Login Failed!");
  });

  it("refuses modes it does not know", () => {
    expect(parseChallengeMode("sometimes")).toBeUndefined();
    expect(parseChallengeMode("match:")).toBeUndefined();
  });
});
