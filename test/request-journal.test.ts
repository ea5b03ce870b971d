import { describe, expect, it } from "vitest";
import { findScenario } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { JOURNAL_CAPACITY } from "../mocks/core/sessions/request-journal.ts";
import type { Variant } from "../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { type PresetId, VARIANTS } from "../presets/ids.ts";
import { presetApiById } from "./support/apis.ts";
import { useHttpServers } from "./support/http-servers.ts";

const servers = useHttpServers();
const seamlessBody = JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" });

const login = (variant: Variant, session: string, init: RequestInit = {}, query = "") =>
  fetch(`${servers.url(variant)}/auth/login${query}`, {
    method: "POST",
    ...init,
    headers: { "x-mock-session": session, ...(init.headers as Record<string, string>) },
  });

async function journal(session: string, query = "", method = "GET") {
  const response = await fetch(`${servers.url("seamless")}/__mock/requests${query}`, {
    method,
    headers: { "x-mock-session": session },
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** A journal entry for a login on `variant`, without its time. */
const loginEntry = (
  variant: Variant,
  status: number | null,
  scenario: string,
  fields: Record<string, { present: boolean; wellFormed: boolean }>,
) => ({
  variant,
  operation: "login",
  method: "POST",
  path: "/auth/login",
  status,
  scenario,
  fields,
});

/** The properties of a variant's `LoginRequest`, in the spec's order. */
const loginRequestProperties = (variant: PresetId) => {
  const properties = Object.keys(
    presetApiById(variant).document.components?.schemas?.LoginRequest?.properties ?? {},
  );
  // An empty list would make every loop over the fields pass by checking nothing.
  expect(properties, `${variant} LoginRequest properties`).not.toHaveLength(0);
  return properties;
};

/**
 * An entry holds exactly these keys, each of exactly this kind, so nothing derived from what a
 * client sent (a password's length or first character, a hash) can ride along in one: an
 * extra key fails the key set, a value of another kind fails its check.
 */
function expectDocumentedEntry(entry: unknown, index: number) {
  // Names the entry by its place, so a failure does not echo what the entry holds.
  const label = `entry ${index}`;
  expect(entry, label).toBeTypeOf("object");
  const { time, variant, operation, method, path, status, scenario, fields } = entry as Record<
    string,
    unknown
  >;
  expect(Object.keys(entry as object).sort(), label).toEqual([
    "fields",
    "method",
    "operation",
    "path",
    "scenario",
    "status",
    "time",
    "variant",
  ]);
  // These tests send logins only; refresh and logout entries: test/refresh-logout.test.ts.
  expect(operation, label).toBe("login");
  expect(time, label).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const presets: readonly string[] = VARIANTS;
  expect(typeof variant === "string" && presets.includes(variant), label).toBe(true);
  const known = variant as PresetId;
  expect(method, label).toBe("POST");
  expect(path, label).toBe("/auth/login");
  if (status !== null) {
    expect(
      Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599,
      label,
    ).toBe(true);
  }
  // A scenario is null or a name from the variant's catalogue, never free text.
  if (scenario !== null) {
    expect(typeof scenario === "string" && findScenario(known, scenario) !== undefined, label).toBe(
      true,
    );
  }
  expect(Object.keys(fields as object), label).toEqual(loginRequestProperties(known));
  for (const report of Object.values(fields as Record<string, unknown>)) {
    expect(Object.keys(report as object).sort(), label).toEqual(["present", "wellFormed"]);
    for (const verdict of Object.values(report as object))
      expect(verdict, label).toBeTypeOf("boolean");
  }
}

describe("GET /__mock/requests", () => {
  it("lists the session's logins newest first, with status, scenario and field verdicts", async () => {
    await login("talkstack", "j1", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "not-an-email", password: "x" }),
    });
    // The connection drops: fetch rejects, and the journal still has the request.
    await expect(
      login("seamless", "j1", {
        headers: { "content-type": "application/json", "x-mock-scenario": "network-error" },
        body: JSON.stringify({ email: "a@b.co", password: 5 }),
      }),
    ).rejects.toThrow(TypeError);
    await login("seamless", "j1", {
      headers: { "content-type": "application/json" },
      body: seamlessBody,
    });
    const { body } = await journal("j1");
    expect(body.session).toBe("j1");
    expect(body.capacity).toBe(JOURNAL_CAPACITY);
    const entries = body.entries as Record<string, unknown>[];
    expect(entries.map(({ time: _time, ...entry }) => entry)).toEqual([
      loginEntry("seamless", 200, "success", {
        email: { present: true, wellFormed: true },
        password: { present: true, wellFormed: true },
        recaptchaVal: { present: true, wellFormed: true },
      }),
      loginEntry("seamless", null, "network-error", {
        email: { present: true, wellFormed: true },
        password: { present: true, wellFormed: false },
        recaptchaVal: { present: false, wellFormed: false },
      }),
      loginEntry("talkstack", 400, "invalid-email", {
        email: { present: true, wellFormed: false },
        password: { present: true, wellFormed: true },
      }),
    ]);
    expect(Date.parse(String(entries[0]?.time))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps each session's journal apart, and records no control requests", async () => {
    await login("seamless", "j2", { headers: { "content-type": "text/plain" }, body: "hi" });
    await fetch(`${servers.url("seamless")}/__mock/scenario`, {
      headers: { "x-mock-session": "j2" },
    });
    const entries = (await journal("j2")).body.entries as { status: number }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.status).toBe(422);
    expect((await journal("j3")).body.entries).toEqual([]);
  });

  it("honours ?limit=, refuses a bad one, and DELETE clears the session's journal", async () => {
    for (let i = 0; i < 3; i++) await login("talkstack", "j4", { body: "{}" });
    expect((await journal("j4", "?limit=2")).body.entries).toHaveLength(2);
    for (const bad of ["0", "101", "two", "-1"]) {
      expect((await journal("j4", `?limit=${bad}`)).status, bad).toBe(400);
    }
    const cleared = await journal("j4", "", "DELETE");
    expect(cleared.body).toEqual({ session: "j4", capacity: JOURNAL_CAPACITY, entries: [] });
    expect((await journal("j4")).body.entries).toEqual([]);
  });

  it("never holds a password, reCAPTCHA value, token or cookie", async () => {
    // The request-log secrecy test's values (test/server-http.test.ts), plus the reCAPTCHA.
    const secret = "Log-Me-Not-123";
    const recaptcha = "recaptcha-Log-Me-Not-456";
    await login("talkstack", "j5", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x@y.co", password: secret }),
    });
    const success = await login("seamless", "j5", {
      headers: { "content-type": "application/json", cookie: "token=abc.def.ghi" },
      body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: recaptcha }),
    });
    const token = success.headers.getSetCookie()[0]?.split(";")[0]?.split("=")[1] ?? "missing";
    await login("talkstack", "j5", { body: "{}" }, `?password=${secret}`);
    const { text, body } = await journal("j5");
    expect((body.entries as unknown[]).length).toBe(3);
    expect(Object.keys(body).sort()).toEqual(["capacity", "entries", "session"]);
    for (const [index, entry] of (body.entries as unknown[]).entries())
      expectDocumentedEntry(entry, index);
    for (const secretValue of [
      secret,
      recaptcha,
      token,
      SEAMLESS_DEMO.documented.password,
      "abc.def.ghi",
      SEAMLESS_DEMO.documented.email,
    ]) {
      expect(text).not.toContain(secretValue);
    }
  });

  it("holds in every kind of entry only its documented keys, each of its documented kind", async () => {
    const json = { "content-type": "application/json" };
    const secret = "Log-Me-Not-123";
    const sent: [Variant, Record<string, string>, unknown][] = [
      ["talkstack", json, TALKSTACK_DEMO.documented],
      ["talkstack", json, { ...TALKSTACK_DEMO.documented, password: secret }],
      ["talkstack", json, { email: "not-an-email", password: secret }],
      ["talkstack", json, { email: secret, password: 5 }],
      ["talkstack", { ...json, "x-mock-scenario": "no-such-scenario" }, { password: secret }],
      ["seamless", json, { ...SEAMLESS_DEMO.documented, recaptchaVal: secret }],
      ["seamless", json, { ...SEAMLESS_DEMO.documented, password: secret, recaptchaVal: "x" }],
      ["seamless", json, { email: "a@b.co", password: secret }],
      ["seamless", { ...json, "x-mock-scenario": "truncated-json" }, { password: secret }],
      ["seamless", { "content-type": "text/plain" }, secret],
    ];
    for (const [variant, headers, body] of sent) {
      const response = await login(variant, "j6", {
        headers,
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      await response.arrayBuffer();
    }
    await expect(
      login("seamless", "j6", {
        headers: { ...json, "x-mock-scenario": "network-error" },
        body: JSON.stringify({ password: secret }),
      }),
    ).rejects.toThrow(TypeError);
    const entries = (await journal("j6")).body.entries as Record<string, unknown>[];
    expect(entries).toHaveLength(sent.length + 1);
    // Every outcome is among them: success, refusals, a refused scenario, faults with and
    // without a status.
    expect(new Set(entries.map((entry) => entry.status))).toEqual(
      new Set([200, 401, 400, 422, null]),
    );
    expect(entries.map((entry) => entry.scenario)).toContain(null);
    for (const [index, entry] of entries.entries()) expectDocumentedEntry(entry, index);
  });

  it("records the same entries whatever password and reCAPTCHA value were sent", async () => {
    const send = async (session: string, password: string, recaptchaVal: string) => {
      const json = { "content-type": "application/json" };
      for (const [variant, body] of [
        ["talkstack", { email: TALKSTACK_DEMO.documented.email, password }],
        ["talkstack", { email: "nobody@example.com", password }],
        ["seamless", { email: SEAMLESS_DEMO.documented.email, password, recaptchaVal }],
        ["seamless", { ...SEAMLESS_DEMO.documented, recaptchaVal }],
      ] as const) {
        const response = await login(variant, session, {
          headers: json,
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
      }
      const entries = (await journal(session)).body.entries as Record<string, unknown>[];
      return entries.map(({ time: _time, ...entry }) => entry);
    };
    const short = await send("j7", "a", "r");
    const long = await send(
      "j8",
      "Zq9-a-much-longer-wrong-password!",
      "recaptcha-of-another-length-42",
    );
    expect(short).toHaveLength(4);
    expect(long).toEqual(short);
  });
});

describe("the journal in the core", () => {
  it(`keeps the newest ${JOURNAL_CAPACITY} logins of a session, dropping the oldest`, async () => {
    const clock = fixedClock(Date.parse("2026-05-05T00:00:00Z"));
    const mock = createLoginMock({ clock });
    for (let i = 0; i < JOURNAL_CAPACITY + 5; i++) {
      clock.advance(1000);
      await mock.handle("talkstack", {
        contentType: "application/json",
        bodyText: "{}",
        prefer: null,
        scenario: null,
      });
    }
    const { journal } = mock.session();
    expect(journal.size).toBe(JOURNAL_CAPACITY);
    const entries = journal.entries();
    expect(entries).toHaveLength(JOURNAL_CAPACITY);
    expect(entries[0]?.time).toBe("2026-05-05T00:01:45.000Z");
    expect(entries.at(-1)?.time).toBe("2026-05-05T00:00:06.000Z");
    mock.reset();
    expect(mock.session().journal.entries()).toEqual([]);
  });
});
