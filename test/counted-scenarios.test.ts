/**
 * Counted scenarios (issue 20, "Sequences"): `setScenario(id, name, { times: n })` and the
 * control API's `"times": n` give the next n logins of an API in one session the scenario, then
 * the session answers as before. The count is taken before any await, so concurrent logins
 * never take more than n.
 */
import { describe, expect, it } from "vitest";
import { MAX_SCENARIO_TIMES } from "../mocks/core/index.ts";
import { createLoginMock, type LoginMock } from "../mocks/core/login-mock.ts";
import type { LoginInput } from "../mocks/core/pipeline/request-data.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import { demoLogin, useHttpServers } from "./support/http-servers.ts";

const SEAMLESS_BODY = JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" });

function seamlessLogin(extra: Partial<LoginInput> = {}): LoginInput {
  return {
    contentType: "application/json",
    bodyText: SEAMLESS_BODY,
    prefer: null,
    scenario: null,
    ...extra,
  };
}

/** The status and served scenario of each login, in order. */
async function logins(mock: LoginMock, count: number, extra: Partial<LoginInput> = {}) {
  const replies = await Promise.all(
    Array.from({ length: count }, () => mock.handle("seamless", seamlessLogin(extra))),
  );
  return replies.map((reply) => (reply.kind === "response" ? reply.status : reply.kind));
}

describe("counted scenarios in the core", () => {
  it("gives the next 2 logins the scenario, then the request data decides again", async () => {
    const mock = createLoginMock();
    mock.setScenario("seamless", "server-error", { times: 2 });
    expect(mock.pending("seamless")).toEqual({ name: "server-error", remaining: 2 });
    expect(mock.scenario("seamless")).toBeNull();
    expect(await logins(mock, 1)).toEqual([500]);
    expect(mock.pending("seamless")).toEqual({ name: "server-error", remaining: 1 });
    expect(await logins(mock, 3)).toEqual([500, 200, 200]);
    expect(mock.pending("seamless")).toBeNull();
    // The journal names what each login got.
    expect(
      mock
        .session()
        .journal.entries(4)
        .map((entry) => entry.scenario),
    ).toEqual(["success", "success", "server-error", "server-error"]);
  });

  it("takes exactly n of 50 concurrent logins, in that session only", async () => {
    const mock = createLoginMock();
    mock.session("a").setScenario("seamless", "server-error", { times: 2 });
    const [inA, inB] = await Promise.all([
      logins(mock, 50, { session: "a" }),
      logins(mock, 50, { session: "b" }),
    ]);
    expect(inA.filter((status) => status === 500)).toHaveLength(2);
    expect(inA.filter((status) => status === 200)).toHaveLength(48);
    expect(inB.filter((status) => status === 200)).toHaveLength(50);
    expect(mock.session("a").pending("seamless")).toBeNull();
  });

  it("goes back to the sticky scenario, which a counted call leaves in place", async () => {
    const mock = createLoginMock();
    mock.setScenario("seamless", "recaptcha-failed");
    mock.setScenario("seamless", "server-error", { times: 1 });
    expect(mock.scenario("seamless")).toBe("recaptcha-failed");
    expect(await logins(mock, 1)).toEqual([500]);
    expect(await logins(mock, 2)).toEqual([401, 401]);
  });

  it("replaces a counted scenario with the next counted call; a plain call drops it", async () => {
    const mock = createLoginMock();
    mock.setScenario("seamless", "server-error", { times: 5 });
    mock.setScenario("seamless", "recaptcha-failed", { times: 1 });
    expect(mock.pending("seamless")).toEqual({ name: "recaptcha-failed", remaining: 1 });
    expect(await logins(mock, 2)).toEqual([401, 200]);

    mock.setScenario("seamless", "server-error", { times: 3 });
    mock.setScenario("seamless", "recaptcha-failed");
    expect(mock.pending("seamless")).toBeNull();
    mock.setScenario("seamless", "server-error", { times: 3 });
    mock.setScenario("seamless", null);
    expect(mock.pending("seamless")).toBeNull();
    expect(mock.scenario("seamless")).toBeNull();
  });

  it("is cleared by a reset, of the session or of the whole mock", () => {
    const mock = createLoginMock();
    mock.session("a").setScenario("seamless", "server-error", { times: 2 });
    mock.session("a").reset();
    expect(mock.session("a").pending("seamless")).toBeNull();
    mock.setScenario("seamless", "server-error", { times: 2 });
    mock.reset();
    expect(mock.pending("seamless")).toBeNull();
  });

  it("takes no count from a login whose Prefer or X-Mock-Scenario picks its own answer", async () => {
    const mock = createLoginMock();
    mock.setScenario("seamless", "server-error", { times: 1 });
    expect(await logins(mock, 2, { prefer: "code=401, example=invalid-credentials" })).toEqual([
      401, 401,
    ]);
    expect(await logins(mock, 1, { scenario: "recaptcha-failed" })).toEqual([401]);
    // A forceScenario handler's override wins too, and takes none.
    const overridden = await mock.handle("seamless", seamlessLogin(), "recaptcha-failed");
    expect(overridden.kind === "response" && overridden.status).toBe(401);
    expect(mock.pending("seamless")).toEqual({ name: "server-error", remaining: 1 });
    // Prefer with only a delay picks no answer: that login takes the count.
    expect(await logins(mock, 2, { prefer: "delay=0" })).toEqual([500, 200]);
  });

  it("refuses a count that is not a whole number from 1 to MAX_SCENARIO_TIMES", () => {
    const mock = createLoginMock();
    expect(MAX_SCENARIO_TIMES).toBe(1000);
    for (const times of [0, MAX_SCENARIO_TIMES + 1, 1.5, -1, Number.NaN, Infinity])
      expect(() => mock.setScenario("seamless", "server-error", { times }), String(times)).toThrow(
        RangeError,
      );
    expect(() => mock.setScenario("seamless", "server-error", { times: 0 })).toThrow(
      "from 1 to 1000",
    );
    expect(() => mock.setScenario("seamless", null, { times: 2 })).toThrow("needs a name");
    // @ts-expect-error: an unknown name is refused by the types and at run time.
    expect(() => mock.setScenario("seamless", "no-such", { times: 2 })).toThrow("no-such");
    mock.setScenario("seamless", "server-error", { times: MAX_SCENARIO_TIMES });
    expect(mock.pending("seamless")?.remaining).toBe(MAX_SCENARIO_TIMES);
  });
});

describe("counted scenarios on the control API", () => {
  const servers = useHttpServers();
  const control = (path: string, init: { method?: string; session?: string; body?: unknown }) =>
    fetch(`${servers.url("seamless")}/__mock${path}`, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        ...(init.session ? { "x-mock-session": init.session } : {}),
      },
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });

  it("fails exactly the next 2 of 50 concurrent logins in one session, none in another", async () => {
    const set = await control("/scenario", {
      method: "PUT",
      session: "qa-a",
      body: { scenario: "server-error", times: 2 },
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      variant: "seamless",
      session: "qa-a",
      scenario: null,
      apis: { talkstack: null, seamless: null },
      pending: { seamless: { name: "server-error", remaining: 2 } },
    });

    const served = async (session: string) => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, () => demoLogin(servers, "seamless", session)),
      );
      return replies.map((reply) => `${reply.status} ${reply.headers.get("x-mock-scenario")}`);
    };
    const [inA, inB] = await Promise.all([served("qa-a"), served("qa-b")]);
    expect(inA.filter((answer) => answer === "500 server-error")).toHaveLength(2);
    expect(inA.filter((answer) => answer === "200 success")).toHaveLength(48);
    expect(inB.filter((answer) => answer === "200 success")).toHaveLength(50);

    // Used up: the answer has no `pending` again.
    const after = await control("/scenario", { session: "qa-a" });
    expect(await after.json()).toEqual({
      variant: "seamless",
      session: "qa-a",
      scenario: null,
      apis: { talkstack: null, seamless: null },
    });
  });

  it("shows the count on GET, for the API `variant` names, and DELETE clears it", async () => {
    await control("/scenario", {
      method: "PUT",
      session: "qa-c",
      body: { scenario: "recaptcha-failed" },
    });
    const set = await control("/scenario", {
      method: "PUT",
      session: "qa-c",
      body: { scenario: "login-failed", variant: "talkstack", times: 3 },
    });
    expect(set.status).toBe(200);
    const shown = await control("/scenario?variant=talkstack", { session: "qa-c" });
    expect(await shown.json()).toEqual({
      variant: "talkstack",
      session: "qa-c",
      scenario: null,
      apis: { talkstack: null, seamless: "recaptcha-failed" },
      pending: { talkstack: { name: "login-failed", remaining: 3 } },
    });
    const cleared = await control("/scenario?variant=talkstack", {
      method: "DELETE",
      session: "qa-c",
    });
    expect(await cleared.json()).not.toHaveProperty("pending");
    expect(servers.mock.session("qa-c").scenario("seamless")).toBe("recaptcha-failed");
  });

  it("refuses a count outside 1 to 1000 with a 400 naming the range", async () => {
    for (const times of [0, 1001, 1.5, "2", null, -3]) {
      const refused = await control("/scenario", {
        method: "PUT",
        session: "qa-d",
        body: { scenario: "server-error", times },
      });
      expect(refused.status, JSON.stringify(times)).toBe(400);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await refused.json()) as {
        detail: string;
        minimum: number;
        maximum: number;
      };
      expect(problem.detail).toContain("whole number from 1 to 1000");
      expect(problem).toMatchObject({ minimum: 1, maximum: 1000 });
    }
    expect(servers.mock.session("qa-d").pending("seamless")).toBeNull();
  });
});
