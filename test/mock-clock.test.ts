import { describe, expect, it } from "vitest";
import { parseServeOptions, UsageError } from "../cli/serve.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { MAX_CLOCK_STEP_SECONDS, SessionClock } from "../mocks/core/sessions/session-clock.ts";
import { DEFAULT_JWT_SECRET, verifyToken } from "../mocks/core/tokens/jwt.ts";
import type { Variant } from "../openapi/documents.ts";
import { TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { demoLogin, demoLoginToken, useHttpServers } from "./support/http-servers.ts";
import { responseValidator } from "./support/spec-validators.ts";

const servers = useHttpServers();
const SESSION = "clock-test";

/** Logs in on `variant` in the test's session; the token, and its iat/exp as verified. */
async function logIn(variant: Variant) {
  const token = await demoLoginToken(servers, variant, SESSION);
  const { payload } = await verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: 0 });
  return { token, iat: payload.iat ?? 0, exp: payload.exp ?? 0 };
}

async function clock(method: string, body?: unknown, session = SESSION) {
  const response = await fetch(`${servers.url("seamless")}/__mock/clock`, {
    method,
    headers: {
      "x-mock-session": session,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function stateOf(token: string, variant: Variant) {
  const headers: Record<string, string> =
    variant === "talkstack" ? { authorization: `Bearer ${token}` } : { cookie: `token=${token}` };
  const response = await fetch(`${servers.url(variant)}/__mock/whoami`, {
    headers: { ...headers, "x-mock-session": SESSION },
  });
  const body = (await response.json()) as { credentials: { state: string }[] };
  return body.credentials[0]?.state;
}

describe("the mock clock over HTTP", () => {
  it("starts on real time", async () => {
    const before = Date.now();
    const { body } = await clock("GET");
    expect(body).toMatchObject({ session: SESSION, offsetSeconds: 0, real: true });
    expect(Date.parse(String(body.now))).toBeGreaterThanOrEqual(before - 1000);
  });

  it("expires a token issued before the clock is advanced past its lifetime", async () => {
    const talkstack = await logIn("talkstack");
    const seamless = await logIn("seamless");
    expect(await stateOf(talkstack.token, "talkstack")).toBe("valid");
    const moved = await clock("PUT", { advanceSeconds: 2 * 3600 + 1 });
    expect(moved.body).toMatchObject({ offsetSeconds: 7201, real: false });
    expect(await stateOf(talkstack.token, "talkstack")).toBe("expired");
    expect(await stateOf(seamless.token, "seamless")).toBe("valid");
    await clock("PUT", { advanceSeconds: 22 * 3600 });
    expect(await stateOf(seamless.token, "seamless")).toBe("expired");
    // Another session keeps its own time: the same token is still valid there.
    const other = await fetch(`${servers.url("talkstack")}/__mock/whoami`, {
      headers: { authorization: `Bearer ${talkstack.token}`, "x-mock-session": "other" },
    });
    expect(
      ((await other.json()) as { credentials: { state: string }[] }).credentials[0]?.state,
    ).toBe("valid");
  });

  it("issues tokens on the session's time, and on real time again after DELETE", async () => {
    await clock("PUT", { now: "2031-05-01T00:00:00Z" });
    const future = await logIn("talkstack");
    expect(future.iat).toBeGreaterThanOrEqual(Date.parse("2031-05-01T00:00:00Z") / 1000);
    expect(future.iat).toBeLessThan(Date.parse("2031-05-01T00:01:00Z") / 1000);

    const reset = await clock("DELETE");
    expect(reset.body).toMatchObject({ offsetSeconds: 0, real: true });
    const talkstack = await logIn("talkstack");
    const seamless = await logIn("seamless");
    expect(talkstack.exp - talkstack.iat).toBe(2 * 3600);
    expect(seamless.exp - seamless.iat).toBe(24 * 3600);
    expect(Math.abs(talkstack.iat - Date.now() / 1000)).toBeLessThan(5);
    expect(await stateOf(talkstack.token, "talkstack")).toBe("valid");
    expect(await stateOf(seamless.token, "seamless")).toBe("valid");
    expect(await stateOf(future.token, "talkstack")).toBe("valid");
  });

  it("moves back with a negative advance, and refuses moves out of range", async () => {
    await clock("DELETE");
    expect((await clock("PUT", { advanceSeconds: -60 })).body.offsetSeconds).toBe(-60);
    for (const bad of [
      { advanceSeconds: MAX_CLOCK_STEP_SECONDS + 1 },
      { advanceSeconds: "60" },
      { now: "2030-01-01" },
      { now: "2030-01-01T00:00:00" },
      { now: "10000-01-01T00:00:00Z" },
      { advanceSeconds: 1, now: "2030-01-01T00:00:00Z" },
      {},
    ]) {
      const refused = await clock("PUT", bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(String(refused.body.detail)).toMatch(/advanceSeconds|between 1970/);
    }
    expect((await clock("GET")).body.offsetSeconds).toBe(-60);
  });

  it("goes back to its starting time on a session reset", async () => {
    await clock("PUT", { advanceSeconds: 3600 });
    await fetch(`${servers.url("seamless")}/__mock/reset`, {
      method: "POST",
      headers: { "x-mock-session": SESSION },
    });
    expect((await clock("GET")).body).toMatchObject({ offsetSeconds: 0, real: true });
  });
});

/** An RFC 3339 date-time as `Date#toISOString` writes it: four-digit year, UTC. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Logs in on `variant` in `session`; the reply's status, body and Set-Cookie, as sent. */
async function loginIn(variant: Variant, session: string) {
  const response = await demoLogin(servers, variant, session);
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    cookie: response.headers.getSetCookie()[0] ?? "",
  };
}

describe("the mock clock's range over HTTP", () => {
  const session = "clock-range";

  it("refuses a `now` whose tokens would expire past year 9999, with a 400 naming the allowed range", async () => {
    await clock("DELETE", undefined, session);
    const refused = await clock("PUT", { now: "9999-12-31T23:59:59Z" }, session);
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe("urn:login-mock:problem:bad-control-request");
    // Seamless' cookie lives 24 h, the longest lifetime: the clock stops a day short of 10000.
    expect(refused.body).toMatchObject({
      earliest: "1970-01-01T00:00:00.000Z",
      latest: "9999-12-30T23:59:59.999Z",
    });
    expect(String(refused.body.detail)).toContain(
      "between 1970-01-01T00:00:00.000Z and 9999-12-30T23:59:59.999Z",
    );
    expect((await clock("GET", undefined, session)).body.real).toBe(true);
  });

  it("keeps every login and whoami reply within its spec at the latest instant it allows", async () => {
    const latest = (await clock("PUT", { now: "9999-12-31T23:59:59Z" }, session)).body.latest;
    expect((await clock("PUT", { now: latest }, session)).status).toBe(200);
    for (const variant of ["talkstack", "seamless"] as const) {
      const reply = await loginIn(variant, session);
      const verdict = (await responseValidator(variant))(reply.status, reply.json);
      expect(verdict.errors, variant).toEqual([]);
      expect(reply.status, variant).toBe(200);
    }
    const talkstack = await loginIn("talkstack", session);
    expect(talkstack.json.expirationTime).toMatch(ISO_INSTANT);
    const whoami = await fetch(`${servers.url("talkstack")}/__mock/whoami`, {
      headers: { authorization: `Bearer ${talkstack.json.token}`, "x-mock-session": session },
    });
    const described = (await whoami.json()) as {
      now: string;
      credentials: { state: string; issuedAt: string; expiresAt: string }[];
    };
    expect(described.now).toMatch(ISO_INSTANT);
    expect(described.credentials[0]).toMatchObject({
      state: "valid",
      issuedAt: expect.stringMatching(ISO_INSTANT),
      expiresAt: expect.stringMatching(ISO_INSTANT),
    });
    await clock("DELETE", undefined, session);
  });

  it("refuses an advanceSeconds that would carry the clock past its range", async () => {
    await clock("PUT", { now: "9999-12-30T23:00:00Z" }, session);
    const refused = await clock("PUT", { advanceSeconds: 3600 }, session);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ latest: "9999-12-30T23:59:59.999Z" });
    await clock("PUT", { now: "1970-01-01T00:00:10Z" }, session);
    expect((await clock("PUT", { advanceSeconds: -11 }, session)).status).toBe(400);
    expect((await clock("GET", undefined, session)).body.now).toMatch(/^1970-01-01T00:00:1/);
    await clock("DELETE", undefined, session);
  });

  it("refuses a `now` that is not a real RFC 3339 date-time, and takes every one that is", async () => {
    for (const bad of [
      "2030-02-30T00:00:00Z",
      "2031-02-29T00:00:00Z",
      "2100-02-29T00:00:00Z",
      "2030-04-31T00:00:00Z",
      "2030-13-01T00:00:00Z",
      "2030-00-10T00:00:00Z",
      "2030-01-00T00:00:00Z",
      "2030-01-01T24:00:00Z",
      "2030-01-01T23:60:00Z",
      "2030-01-01T23:59:60Z",
      "2030-01-01T00:00:00+24:00",
      "2030-01-01T00:00:00+01:60",
      "2030-01-01T00:00Z",
      "2030-01-01 00:00:00Z",
      " 2030-01-01T00:00:00Z",
      "+002030-01-01T00:00:00Z",
    ]) {
      const refused = await clock("PUT", { now: bad }, session);
      expect(refused.status, bad).toBe(400);
      expect(String(refused.body.detail), bad).toContain("RFC 3339");
    }
    expect((await clock("GET", undefined, session)).body.real).toBe(true);
    for (const [good, instant] of [
      ["2032-02-29T00:00:00Z", "2032-02-29T00:00:00.000Z"],
      ["2000-02-29T12:00:00Z", "2000-02-29T12:00:00.000Z"],
      ["2030-01-01T10:00:00+01:00", "2030-01-01T09:00:00.000Z"],
      ["2030-01-01t09:00:00.25z", "2030-01-01T09:00:00.250Z"],
      ["2030-12-31T23:59:59-00:00", "2030-12-31T23:59:59.000Z"],
    ] as const) {
      const moved = await clock("PUT", { now: good }, session);
      expect(moved.status, good).toBe(200);
      expect(String(moved.body.now).slice(0, 19), good).toBe(instant.slice(0, 19));
    }
    await clock("DELETE", undefined, session);
  });
});

describe("the mock clock in the core", () => {
  it("refuses in code a clock that would give a reply an expiry past year 9999", () => {
    const mock = createLoginMock({ clock: fixedClock(Date.parse("2026-01-01T00:00:00Z")) });
    const { clock: sessionClock } = mock.session("in-code");
    const range = /between 1970-01-01T00:00:00\.000Z and 9999-12-30T23:59:59\.999Z/;
    expect(() => sessionClock.set(Date.parse("9999-12-31T23:59:59Z"))).toThrow(range);
    sessionClock.set(Date.parse("9999-12-30T23:00:00Z"));
    expect(() => sessionClock.advance(3600)).toThrow(range);
    expect(sessionClock.state().now).toBe("9999-12-30T23:00:00.000Z");
    expect(() => createLoginMock({ clockStart: "9999-12-31T00:00:00Z" })).toThrow(range);
    expect(() => createLoginMock({ clockStart: "2030-02-30T00:00:00Z" })).toThrow(/clockStart/);
  });

  it("leaves room for a longer tokenTtlSeconds, and refuses one no date-time could hold", () => {
    const tenYears = 10 * 365 * 24 * 3600;
    const mock = createLoginMock({ tokenTtlSeconds: tenYears });
    expect(() => mock.session().clock.set(Date.parse("9991-01-01T00:00:00Z"))).toThrow(
      /and 9990-01-02T23:59:59\.999Z/,
    );
    for (const bad of [tenYears + 1, 1.5, 0, -1, Number.NaN]) {
      expect(() => createLoginMock({ tokenTtlSeconds: bad }), String(bad)).toThrow(
        /tokenTtlSeconds/,
      );
    }
  });

  it("stands still at its latest instant rather than run past it", async () => {
    const base = fixedClock(Date.parse("2026-01-01T00:00:00Z"));
    const mock = createLoginMock({ clock: base });
    mock.session().clock.set(Date.parse("9999-12-30T23:59:59Z"));
    base.advance(3 * 24 * 3600 * 1000);
    expect(mock.session().clock.state().now).toBe("9999-12-30T23:59:59.999Z");
    const reply = await mock.handle("talkstack", {
      contentType: "application/json",
      bodyText: JSON.stringify(TALKSTACK_DEMO.documented),
      prefer: null,
      scenario: null,
    });
    const body = JSON.parse(reply.kind === "response" ? reply.body : "{}");
    expect(body.expirationTime).toBe("9999-12-31T01:59:59.000Z");
    expect(mock.session().journal.entries(1)[0]?.time).toBe("9999-12-30T23:59:59.999Z");
  });

  it("starts every session at clockStart, then runs on with the base clock", async () => {
    const base = fixedClock(Date.parse("2026-11-23T12:00:00Z"));
    const mock = createLoginMock({ clock: base, clockStart: "2030-01-01T09:00:00Z" });
    expect(new Date(mock.session().clock.now()).toISOString()).toBe("2030-01-01T09:00:00.000Z");
    base.advance(60_000);
    // A session created later starts at the same instant; older ones ran on.
    expect(new Date(mock.session("late").clock.now()).toISOString()).toBe(
      "2030-01-01T09:00:00.000Z",
    );
    expect(new Date(mock.session().clock.now()).toISOString()).toBe("2030-01-01T09:01:00.000Z");
    mock.session().clock.toReal();
    expect(mock.session().clock.state()).toEqual({
      now: "2026-11-23T12:01:00.000Z",
      offsetSeconds: 0,
      real: true,
    });
    mock.reset();
    expect(mock.session().clock.state().now).toBe("2030-01-01T09:00:00.000Z");
  });

  it("signs the Seamless cookie and TalkStack expirationTime on the session's clock", async () => {
    const mock = createLoginMock({ clock: fixedClock(Date.parse("2026-01-01T00:00:00Z")) });
    mock.session("s").clock.advance(3600);
    const reply = await mock.handle("talkstack", {
      contentType: "application/json",
      bodyText: JSON.stringify(TALKSTACK_DEMO.documented),
      prefer: null,
      scenario: null,
      session: "s",
    });
    const body = JSON.parse(reply.kind === "response" ? reply.body : "{}");
    expect(body.expirationTime).toBe("2026-01-01T03:00:00.000Z");
  });

  it("refuses a clockStart that is not an instant, and a move past the limits", () => {
    expect(() => createLoginMock({ clockStart: "next tuesday" })).toThrow(/clockStart/);
    const sessionClock = new SessionClock(fixedClock(0));
    expect(() => sessionClock.advance(-1)).toThrow(/between 1970/);
    expect(() => sessionClock.advance(Number.NaN)).toThrow(/advanceSeconds/);
  });

  it("takes --clock ISO on the command line, and refuses anything else", () => {
    expect(parseServeOptions(["--clock", "2030-01-01T09:00:00Z"], {}).clockStart).toBe(
      Date.parse("2030-01-01T09:00:00Z"),
    );
    expect(
      parseServeOptions([], { LOGIN_MOCK_CLOCK: "2030-01-01T10:00:00+01:00" }).clockStart,
    ).toBe(Date.parse("2030-01-01T09:00:00Z"));
    expect(() => parseServeOptions(["--clock", "tomorrow"], {})).toThrow(UsageError);
    expect(() => parseServeOptions(["--clock", "tomorrow"], {})).toThrow(/--clock "tomorrow"/);
  });
});
