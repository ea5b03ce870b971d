import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import type { LoginInput } from "../mocks/core/pipeline/request-data.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { MAX_SESSIONS, SESSION_IDLE_MS } from "../mocks/core/sessions/session-table.ts";
import { createHandlers, DEFAULT_BASE_URLS } from "../mocks/msw/handlers.ts";
import type { Variant } from "../openapi/documents.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import { useHttpServers } from "./support/http-servers.ts";

const SEAMLESS_BODY = JSON.stringify({ ...SEAMLESS_DEMO.john, recaptchaVal: "x" });

function seamlessLogin(extra: Partial<LoginInput> = {}): LoginInput {
  return {
    contentType: "application/json",
    bodyText: SEAMLESS_BODY,
    prefer: null,
    scenario: null,
    ...extra,
  };
}

async function statusOf(mock: ReturnType<typeof createLoginMock>, input: LoginInput) {
  const reply = await mock.handle("seamless", input);
  if (reply.kind !== "response") throw new Error(`no response: ${reply.kind}`);
  return { status: reply.status, body: JSON.parse(reply.body) as Record<string, unknown> };
}

const loginCount = (mock: ReturnType<typeof createLoginMock>, session?: string) =>
  (
    mock.session(session).store.find(mock.api("seamless"), SEAMLESS_DEMO.john.email)?.profile
      .agentLoginDetails as { loginCount: number } | undefined
  )?.loginCount;

describe("sessions in the core", () => {
  it("gives two concurrent sessions their own sticky scenario over 200 interleaved logins", async () => {
    const mock = createLoginMock();
    mock.session("alice").setScenario("seamless", "recaptcha-failed");
    mock.session("bob").setScenario("seamless", "server-error");
    const plan = Array.from(
      { length: 200 },
      (_, index) => ["alice", "bob", null][index % 3] ?? null,
    );
    const replies = await Promise.all(
      plan.map((session) => statusOf(mock, seamlessLogin({ session }))),
    );
    for (const [index, session] of plan.entries()) {
      const expected = session === "alice" ? 401 : session === "bob" ? 500 : 200;
      expect(replies[index]?.status, `request ${index} (${session ?? "no session"})`).toBe(
        expected,
      );
    }
    // Each session's store counted only its own successes; the others never logged in.
    expect(loginCount(mock)).toBe(42 + plan.filter((s) => s === null).length);
    expect(loginCount(mock, "alice")).toBe(42);
    expect(mock.scenario("seamless")).toBeNull();
  });

  it("resets one session and leaves another's scenario and login count intact", async () => {
    const mock = createLoginMock();
    for (const session of ["alice", "bob"]) {
      await statusOf(mock, seamlessLogin({ session }));
      mock.session(session).setScenario("talkstack", "login-failed");
    }
    mock.session("alice").reset();
    expect(loginCount(mock, "alice")).toBe(42);
    expect(mock.session("alice").scenario("talkstack")).toBeNull();
    expect(loginCount(mock, "bob")).toBe(43);
    expect(mock.session("bob").scenario("talkstack")).toBe("login-failed");
    expect(loginCount(mock)).toBe(42);
  });

  it("reads the session from the mock-session cookie; the header wins over it", async () => {
    const mock = createLoginMock();
    mock.session("from-cookie").setScenario("seamless", "server-error");
    mock.session("from-header").setScenario("seamless", "recaptcha-failed");
    const cookie = "token=abc.def.ghi; mock-session=from-cookie; theme=dark";
    expect((await statusOf(mock, seamlessLogin({ cookie }))).status).toBe(500);
    expect((await statusOf(mock, seamlessLogin({ cookie, session: "from-header" }))).status).toBe(
      401,
    );
    // A Cookie header without mock-session is the default session.
    expect((await statusOf(mock, seamlessLogin({ cookie: "token=abc" }))).status).toBe(200);
  });

  it("refuses a session id that breaks the rule with 400 bad-session-id saying the rule", async () => {
    const mock = createLoginMock();
    for (const bad of ["", "has space", "x".repeat(65), "ünïcode", "a,b", "a/b"]) {
      const { status, body } = await statusOf(mock, seamlessLogin({ session: bad }));
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(body.type).toBe("urn:login-mock:problem:bad-session-id");
      expect(body.detail).toContain("^[A-Za-z0-9_.-]{1,64}$");
    }
    expect(() => mock.session("no spaces please")).toThrow(/bad|not a session id/);
    expect((await statusOf(mock, seamlessLogin({ session: "A-z_0.9" }))).status).toBe(200);
    expect(mock.sessionCount()).toBe(1);
  });

  it("keeps at most `limit` sessions besides the default, then answers 503 saying how to free one", async () => {
    expect(MAX_SESSIONS).toBe(64);
    const mock = createLoginMock({ sessions: { limit: 3 } });
    // Sessions code set up are kept: a login cannot push them out.
    for (const id of ["s1", "s2", "s3"]) mock.session(id);
    const refused = await mock.handle("seamless", seamlessLogin({ session: "s4" }));
    expect(refused.kind === "response" && refused.status).toBe(503);
    if (refused.kind !== "response") return;
    const problem = JSON.parse(refused.body);
    expect(problem.type).toBe("urn:login-mock:problem:too-many-sessions");
    expect(problem.detail).toContain("3 sessions");
    expect(problem.detail).toContain('POST /__mock/reset {"allSessions":true}');
    expect(refused.headers).toContainEqual(["retry-after", String(SESSION_IDLE_MS / 1000)]);
    // Known sessions and the default one still work; freeing them all makes room.
    expect((await statusOf(mock, seamlessLogin({ session: "s2" }))).status).toBe(200);
    expect((await statusOf(mock, seamlessLogin())).status).toBe(200);
    mock.reset();
    expect(mock.sessionCount()).toBe(0);
    expect((await statusOf(mock, seamlessLogin({ session: "s4" }))).status).toBe(200);
  });

  it("makes room for a login's new session by dropping the least recently used anonymous one", async () => {
    const clock = fixedClock(Date.parse("2026-03-01T10:00:00Z"));
    const mock = createLoginMock({ clock, sessions: { limit: 3 } });
    mock.session("kept").setScenario("seamless", "server-error");
    for (const id of ["a1", "a2", "a3"]) {
      clock.advance(1000);
      expect((await statusOf(mock, seamlessLogin({ session: id }))).status, id).toBe(200);
    }
    expect(mock.sessions().map((s) => [s.id, s.anonymous])).toEqual([
      ["default", false],
      ["kept", false],
      ["a2", true],
      ["a3", true],
    ]);
    clock.advance(1000);
    await statusOf(mock, seamlessLogin({ session: "a2" })); // a3 is now the least recent
    clock.advance(1000);
    expect((await statusOf(mock, seamlessLogin({ session: "a4" }))).status).toBe(200);
    expect(mock.sessions().map((s) => s.id)).toEqual(["default", "kept", "a2", "a4"]);
    expect(loginCount(mock, "a2")).toBe(44);
    // The kept session, named longest ago, is still there with its scenario.
    expect((await statusOf(mock, seamlessLogin({ session: "kept" }))).status).toBe(500);
  });

  it("lets a flood of logins with new session ids neither fill the table nor push out a kept session", async () => {
    const mock = createLoginMock();
    mock.session("e2e").setScenario("seamless", "server-error");
    for (let i = 0; i < MAX_SESSIONS + 16; i++) {
      const { status } = await statusOf(mock, seamlessLogin({ session: `flood-${i}` }));
      expect(status, `flood-${i}`).toBe(200);
    }
    expect(mock.sessionCount()).toBe(MAX_SESSIONS);
    expect(mock.session("e2e").scenario("seamless")).toBe("server-error");
    // Code can still set up a new session: it takes an anonymous one's place.
    expect(() => mock.session("another-e2e")).not.toThrow();
    expect(mock.sessionCount()).toBe(MAX_SESSIONS);
    expect(
      mock
        .sessions()
        .filter((s) => !s.anonymous)
        .map((s) => s.id),
    ).toEqual(["default", "e2e", "another-e2e"]);
  });

  it("keeps an anonymous session once code names it", async () => {
    const mock = createLoginMock({ sessions: { limit: 1 } });
    await statusOf(mock, seamlessLogin({ session: "first" }));
    expect(mock.sessions()[1]?.anonymous).toBe(true);
    mock.session("first");
    expect(mock.sessions()[1]?.anonymous).toBe(false);
    expect((await statusOf(mock, seamlessLogin({ session: "second" }))).status).toBe(503);
  });

  it("drops a session idle for 30 minutes, making room and forgetting its state", async () => {
    const clock = fixedClock(Date.parse("2026-03-01T10:00:00Z"));
    const mock = createLoginMock({ clock, sessions: { limit: 2 } });
    mock.session("old").setScenario("seamless", "server-error");
    clock.advance(10 * 60_000);
    mock.session("recent");
    clock.advance(SESSION_IDLE_MS - 10 * 60_000 - 1);
    expect(mock.sessions().map((s) => s.id)).toEqual(["default", "old", "recent"]);
    clock.advance(1);
    // "old" is now idle for exactly 30 minutes: gone, and a new id fits in its place.
    expect(mock.sessions().map((s) => s.id)).toEqual(["default", "recent"]);
    expect((await statusOf(mock, seamlessLogin({ session: "new" }))).status).toBe(200);
    // The same id later is a fresh session: no scenario left over.
    mock.reset();
    mock.session("old").setScenario("seamless", "server-error");
    clock.advance(SESSION_IDLE_MS);
    expect((await statusOf(mock, seamlessLogin({ session: "old" }))).status).toBe(200);
  });

  it("keeps serving a request without a session exactly as before", async () => {
    const mock = createLoginMock();
    mock.setScenario("seamless", "recaptcha-failed");
    mock.session("other").setScenario("seamless", "server-error");
    expect((await statusOf(mock, seamlessLogin())).status).toBe(401);
    expect((await statusOf(mock, seamlessLogin({ session: "default" }))).status).toBe(401);
    expect(mock.session().id).toBe("default");
  });
});

function baseUrlOf(variant: Variant): string {
  const base = DEFAULT_BASE_URLS[variant]?.[0];
  if (base === undefined) throw new Error(`No base URL for ${variant}.`);
  return base;
}

describe("sessions in the MSW handlers", () => {
  const mock = createLoginMock();
  const handlers = createHandlers(mock);
  const post = (variant: Variant, headers: Record<string, string>) =>
    getResponse(
      handlers,
      new Request(`${baseUrlOf(variant)}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: SEAMLESS_BODY,
      }),
    );

  it("honour X-Mock-Session and the mock-session cookie, like the server", async () => {
    mock.session("qa-1").setScenario("seamless", "server-error");
    expect((await post("seamless", { "x-mock-session": "qa-1" }))?.status).toBe(500);
    expect((await post("seamless", { cookie: "mock-session=qa-1" }))?.status).toBe(500);
    expect((await post("seamless", {}))?.status).toBe(200);
    expect((await post("seamless", { "x-mock-session": "bad id" }))?.status).toBe(400);
    expect(mock.session("qa-1").journal.entries()).toHaveLength(2);
  });
});

describe("sessions over HTTP", () => {
  const servers = useHttpServers();
  const url = (variant: Variant, path: string) => `${servers.url(variant)}${path}`;
  const login = (session: string | null, variant: Variant = "seamless") =>
    fetch(url(variant, "/auth/login"), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(session === null ? {} : { "x-mock-session": session }),
      },
      body: SEAMLESS_BODY,
    });
  const control = async (
    path: string,
    init: { method?: string; session?: string; body?: unknown; variant?: Variant } = {},
  ) => {
    const response = await fetch(url(init.variant ?? "seamless", `/__mock${path}`), {
      method: init.method ?? "GET",
      headers: {
        ...(init.session === undefined ? {} : { "x-mock-session": init.session }),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("serves 200 interleaved logins of two sessions and none, each its own sticky scenario", async () => {
    await control("/reset", { method: "POST", body: { allSessions: true } });
    const alice = await control("/scenario", {
      method: "PUT",
      session: "alice",
      body: { scenario: "recaptcha-failed" },
    });
    // The control API now also lists the session's scenario of every API the mock serves.
    expect(alice.body).toEqual({
      variant: "seamless",
      session: "alice",
      scenario: "recaptcha-failed",
      apis: { talkstack: null, seamless: "recaptcha-failed" },
    });
    // From the TalkStack port: `variant` picks the API, so either port controls both.
    await control("/scenario", {
      method: "PUT",
      session: "bob",
      variant: "talkstack",
      body: { scenario: "server-error", variant: "seamless" },
    });
    const plan = Array.from(
      { length: 200 },
      (_, index) => ["alice", "bob", null][index % 3] ?? null,
    );
    const statuses = await Promise.all(
      plan.map(async (session) => (await login(session ?? null)).status),
    );
    expect(statuses).toEqual(
      plan.map((session) => (session === "alice" ? 401 : session === "bob" ? 500 : 200)),
    );
    const sessions = await control("/sessions");
    expect(sessions.body).toMatchObject({ limit: 64, idleMinutes: 30 });
    expect(sessions.body.sessions).toEqual([
      expect.objectContaining({ id: "default", requests: 66 }),
      expect.objectContaining({ id: "alice", requests: 67 }),
      expect.objectContaining({ id: "bob", requests: 67 }),
    ]);
  });

  it("resets one session and leaves the other's scenario and login count intact", async () => {
    await control("/reset", { method: "POST", body: { allSessions: true } });
    for (const session of ["alice", "bob"]) {
      expect((await login(session)).status).toBe(200);
      await control("/scenario", { method: "PUT", session, body: { scenario: "server-error" } });
    }
    expect(await control("/reset", { method: "POST", session: "alice" })).toEqual({
      status: 200,
      body: { reset: "session", session: "alice" },
    });
    expect((await control("/scenario", { session: "alice" })).body.scenario).toBeNull();
    expect((await control("/scenario", { session: "bob" })).body.scenario).toBe("server-error");
    expect(loginCount(servers.mock, "alice")).toBe(42);
    expect(loginCount(servers.mock, "bob")).toBe(43);
    expect(loginCount(servers.mock)).toBe(42);
  });

  it("reports the session in health, and resets every session with allSessions", async () => {
    await control("/scenario", { method: "PUT", session: "carol", body: { scenario: "success" } });
    const health = await control("/health", { session: "carol" });
    expect(health.body).toMatchObject({ status: "ok", session: "carol", scenario: "success" });
    expect(health.body.sessions).toBeGreaterThan(0);
    expect(await control("/reset", { method: "POST", body: { allSessions: true } })).toEqual({
      status: 200,
      body: { reset: "all" },
    });
    expect((await control("/health")).body).toMatchObject({ session: "default", sessions: 0 });
  });

  it("refuses a bad session id on logins and control routes alike", async () => {
    const response = await login("not valid!");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const refused = await control("/scenario", { session: "x".repeat(65) });
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe("urn:login-mock:problem:bad-session-id");
    const badVariant = await control("/scenario?variant=other");
    expect(badVariant.status).toBe(400);
    expect(badVariant.body.detail).toContain("talkstack, seamless");
  });

  it("lists which sessions are anonymous: a control request that changes a session keeps it, a read does not", async () => {
    await control("/reset", { method: "POST", body: { allSessions: true } });
    await login("by-login");
    await control("/scenario", { session: "by-read" });
    await control("/scenario", { method: "PUT", session: "by-put", body: { scenario: "success" } });
    await login("promoted");
    await control("/clock", { method: "PUT", session: "promoted", body: { advanceSeconds: 1 } });
    const { body } = await control("/sessions");
    const listed = body.sessions as { id: string; anonymous: boolean }[];
    expect(listed.map(({ id, anonymous }) => [id, anonymous])).toEqual([
      ["default", false],
      ["by-login", true],
      ["by-read", true],
      ["by-put", false],
      ["promoted", false],
    ]);
  });

  it("lets the login preflight send X-Mock-Session", async () => {
    const response = await fetch(url("seamless", "/auth/login"), {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-mock-session",
      },
    });
    expect(response.headers.get("access-control-allow-headers")).toContain("X-Mock-Session");
  });
});

describe("a full session table over HTTP", () => {
  const servers = useHttpServers({ sessions: { limit: 4 } });
  const post = (path: string, session: string, init: RequestInit = {}) =>
    fetch(`${servers.url("seamless")}${path}`, {
      method: "POST",
      ...init,
      headers: {
        "content-type": "application/json",
        "x-mock-session": session,
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  it("keeps answering logins with new session ids, and keeps the sessions the control API set up", async () => {
    for (const session of ["qa-1", "qa-2"]) {
      const reset = await post("/__mock/reset", session, { body: "{}" });
      expect(reset.status).toBe(200);
    }
    for (let i = 0; i < 20; i++) {
      const response = await post("/auth/login", `anon-${i}`, { body: SEAMLESS_BODY });
      expect(response.status, `anon-${i}`).toBe(200);
      await response.arrayBuffer();
    }
    const listed = await fetch(`${servers.url("seamless")}/__mock/sessions`);
    const { sessions } = (await listed.json()) as { sessions: { id: string }[] };
    expect(sessions.map((s) => s.id)).toEqual(["default", "qa-1", "qa-2", "anon-18", "anon-19"]);
    // A third control-made session takes an anonymous one's place; a fifth kept one cannot.
    expect((await post("/__mock/reset", "qa-3", { body: "{}" })).status).toBe(200);
    expect((await post("/__mock/reset", "qa-4", { body: "{}" })).status).toBe(200);
    const refused = await post("/__mock/reset", "qa-5", { body: "{}" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toContain("control API");
    expect((await post("/auth/login", "anon-99", { body: SEAMLESS_BODY })).status).toBe(503);
  });
});
