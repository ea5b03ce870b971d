/**
 * login-mock/playwright's pure parts: the duration `loginMock.clock.advance` takes, and the
 * session id each test gets (unique per project, test, repeat and retry; always one the server
 * accepts), and the route it reads an API's login from (`GET /__mock/api`).
 */
import { describe, expect, it } from "vitest";
import * as core from "../mocks/core/sessions/session-id.ts";
import {
  durationSeconds,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  sessionIdOf,
  type TestIdentity,
  workerSessionIdOf,
} from "../mocks/playwright/session.ts";
import { useHttpServers } from "./support/http-servers.ts";

describe("durationSeconds", () => {
  it.each([
    ["25h", 90_000],
    ["90m", 5_400],
    ["30s", 30],
    ["2d", 172_800],
    ["1h30m", 5_400],
    ["1d2h3m4s", 93_784],
    ["-2d", -172_800],
    ["1.5h", 5_400],
    ["90", 90],
    [" 45 ", 45],
    ["25 h", 90_000],
    ["1 d 2 h", 93_600],
    [120, 120],
    [-30, -30],
  ] as const)("%j is %d seconds", (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each(["", "h", "25", "25x", "1m1h", "1h1h", "1e3", "--1h", Number.NaN, Infinity])(
    "refuses %j, saying what it takes",
    (text) => {
      if (text === "25") return; // a number of seconds: the one bare number form
      expect(() => durationSeconds(text)).toThrow(/units d, h, m, s largest first/);
    },
  );
});

describe("sessionIdOf", () => {
  const test: TestIdentity = {
    testId: "4a1b2c3d4e5f60718293-0a1b2c3d4e5f60718293",
    title: "the app sees only its own forced scenario: server-error",
    retry: 0,
    repeatEachIndex: 0,
    project: { name: "chromium" },
  };

  it("is readable, stable and one the server accepts", () => {
    const id = sessionIdOf(test);
    expect(id).toBe(sessionIdOf({ ...test }));
    expect(id).toMatch(/^pw-the-app-sees-only-its-own-forced-sce-[0-9a-f]{12}-r0$/);
    expect(id).toMatch(SESSION_ID_PATTERN);
  });

  it("differs for another test, project, repeat or retry", () => {
    const ids = [
      test,
      { ...test, testId: "4a1b2c3d4e5f60718293-ffffffffffffffffffff" },
      { ...test, project: { name: "firefox" } },
      { ...test, repeatEachIndex: 1 },
      { ...test, retry: 1 },
    ].map(sessionIdOf);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("stays within the rule for any title", () => {
    for (const title of ["", "ünïcödé только", "x".repeat(500), "!!!", "a-".repeat(40)]) {
      const id = sessionIdOf({ ...test, title, retry: 99 });
      expect(id).toMatch(SESSION_ID_PATTERN);
      expect(id).not.toMatch(/--/);
    }
  });

  it("names sessions as the server reads them", () => {
    expect(SESSION_HEADER.toLowerCase()).toBe(core.SESSION_HEADER);
    expect(SESSION_COOKIE).toBe(core.SESSION_COOKIE);
    expect(SESSION_ID_PATTERN.source).toBe(core.SESSION_ID_PATTERN.source);
  });
});

describe("workerSessionIdOf", () => {
  it("names one session per worker slot, new in every worker process", () => {
    expect(workerSessionIdOf(3, "0a1b2c3d")).toBe("pw-w3-0a1b2c3d");
    expect(workerSessionIdOf(0)).toMatch(/^pw-w0-[0-9a-f]{8}$/);
    expect(workerSessionIdOf(0)).toBe(workerSessionIdOf(0)); // one nonce per process
    expect(workerSessionIdOf(0)).not.toBe(workerSessionIdOf(1));
    expect(workerSessionIdOf(999)).toMatch(SESSION_ID_PATTERN);
  });
});

describe("GET /__mock/api", () => {
  const servers = useHttpServers();

  it("describes the port's own API: login path, field names, token, a demo login", async () => {
    const response = await fetch(`${servers.url("seamless")}/__mock/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      variant: "seamless",
      title: expect.any(String),
      own: true,
      login: {
        method: "POST",
        path: "/auth/login",
        mediaTypes: ["application/json"],
        identity: "email",
        secret: "password",
        challenge: "recaptchaVal",
      },
      token: { in: "cookie", cookie: "token", lifetimeSeconds: 86_400 },
      demo: {
        identity: "user@example.com",
        mediaType: "application/json",
        body: JSON.stringify({
          email: "user@example.com",
          password: "securePassword123",
          recaptchaVal: "x",
        }),
      },
    });
  });

  it("describes another API by ?variant=, and refuses an unknown one", async () => {
    const other = await fetch(`${servers.url("seamless")}/__mock/api?variant=talkstack`);
    const body = (await other.json()) as { variant: string; own: boolean; token: object };
    expect(body).toMatchObject({ variant: "talkstack", own: false, token: { in: "body" } });
    const unknown = await fetch(`${servers.url("seamless")}/__mock/api?variant=nope`);
    expect(unknown.status).toBe(400);
  });

  it("is read-only and sends no CORS headers", async () => {
    const put = await fetch(`${servers.url("talkstack")}/__mock/api`, { method: "PUT" });
    expect(put.status).toBe(405);
    const read = await fetch(`${servers.url("talkstack")}/__mock/api`, {
      headers: { origin: "http://localhost:5173" },
    });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });
});
