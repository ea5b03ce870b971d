import { describe, expect, it, vi } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { MAX_DELAY_MS } from "../mocks/core/pipeline/faults.ts";
import type { MockReply } from "../mocks/core/pipeline/mock-reply.ts";
import { toResponse } from "../mocks/msw/to-response.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import {
  jsonRequest,
  postLogin,
  useMswLoginMock,
  vendorLoginUrl,
} from "./support/msw-login-mock.ts";

useMswLoginMock();

const login = jsonRequest({ ...SEAMLESS_DEMO.documented, recaptchaVal: "token" });

describe("network faults", () => {
  it("drops the connection for network-error: fetch rejects with a TypeError", async () => {
    await expect(
      postLogin("seamless", login, { "x-mock-scenario": "network-error" }),
    ).rejects.toThrow(TypeError);
  });

  it("never answers for no-response: only the client's timeout ends the request", async () => {
    const started = Date.now();
    const request = fetch(vendorLoginUrl("talkstack"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-mock-scenario": "no-response" },
      body: "{}",
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("cuts the JSON body in half for truncated-json, keeping the data's status", async () => {
    const response = await postLogin("seamless", login, { "x-mock-scenario": "truncated-json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-mock-fault")).toBe("truncated-json");
    expect(response.json).toBeUndefined();
    expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
  });

  it("waits as long as Prefer: delay asks before answering", async () => {
    const started = Date.now();
    const response = await postLogin("talkstack", jsonRequest({}), { prefer: "delay=250" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    expect(response.status).toBe(400);
  });

  it("names the fault, not the scenario it cut, in X-Mock-Scenario", async () => {
    const response = await postLogin("seamless", login, { "x-mock-scenario": "truncated-json" });
    expect(response.headers.get("x-mock-scenario")).toBe("truncated-json");
  });

  it("names slow-response in X-Mock-Scenario when the late reply arrives", async () => {
    vi.useFakeTimers();
    try {
      const reply = await createLoginMock().handle("talkstack", {
        contentType: "application/json",
        bodyText: "{}",
        prefer: null,
        scenario: "slow-response",
      });
      const response = toResponse(reply);
      await vi.advanceTimersByTimeAsync(3000);
      expect((await response).headers.get("x-mock-scenario")).toBe("slow-response");
    } finally {
      vi.useRealTimers();
    }
  });

  it("names the mock's own problem in X-Mock-Scenario", async () => {
    const response = await postLogin("seamless", login, { "x-mock-scenario": "nope" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-mock-scenario")).toBe("unknown-scenario");
  });

  it("answers slow-response with the normal reply, 3 seconds late", async () => {
    const mock = createLoginMock();
    const reply = await mock.handle("talkstack", {
      contentType: "application/json",
      bodyText: "{}",
      prefer: null,
      scenario: "slow-response",
    });
    expect(reply).toMatchObject({ kind: "response", status: 400, delayMs: 3000 });
  });

  it("adds the mock-wide delay to every reply unless Prefer: delay overrides it", async () => {
    const mock = createLoginMock({ delayMs: 120 });
    const input = { contentType: "application/json", bodyText: "{}", scenario: null };
    expect(await mock.handle("seamless", { ...input, prefer: null })).toMatchObject({
      delayMs: 120,
    });
    expect(await mock.handle("seamless", { ...input, prefer: "delay=5" })).toMatchObject({
      delayMs: 5,
    });
  });

  it(`never waits longer than ${MAX_DELAY_MS} ms in MSW, whatever delays add up`, async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      const reply: MockReply = {
        kind: "response",
        status: 200,
        headers: [],
        body: "",
        delayMs: 3_600_000,
      };
      const response = toResponse(reply).then((r) => {
        settled = true;
        return r;
      });
      await vi.advanceTimersByTimeAsync(MAX_DELAY_MS - 1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await response).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the core names what it serves, with no adapter in between", () => {
  it("says truncated-json, not the success it cut, when mock.handle is called directly", async () => {
    const reply = await createLoginMock().handle("seamless", {
      contentType: "application/json",
      bodyText: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "token" }),
      prefer: null,
      scenario: "truncated-json",
    });
    expect(reply.kind === "response" && reply.headers).toContainEqual([
      "x-mock-scenario",
      "truncated-json",
    ]);
  });
});
