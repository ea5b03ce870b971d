/**
 * `createHandlers` gives msw one handler for every login URL (mocks/msw/login-handler.ts), on
 * both msw majors the package supports: msw 2 pays for every handler it passes, so one handler
 * per URL made a login cost more the further down the list its URL was (decision 8). What the
 * per-URL handlers gave msw's users stays: msw's own URL matching, relative base URLs, and a
 * header naming every URL. Each major runs in a child process of its own
 * (test/support/login-handler-probe.ts; msw 2 through bench/msw2-resolve.mjs).
 */
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";

interface Probe {
  msw: string;
  headers: string[];
  answers: { url: string; status: number | null }[];
  matching: { request: string; ours: boolean; perUrl: boolean }[];
  relative: { path: string; status: number | null }[];
  cookieCopies: number[];
}

const MAJORS = [
  { major: "3", flags: [] as string[] },
  { major: "2", flags: ["--import", "./bench/msw2-resolve.mjs"] },
];

const probes = new Map<string, Probe>();
/** The probe's findings on one msw major, run once per test file. */
function probe(major: string): Probe {
  let found = probes.get(major);
  if (!found) {
    const flags = MAJORS.find((entry) => entry.major === major)?.flags ?? [];
    const stdout = execFileSync(
      process.execPath,
      [...flags, "test/support/login-handler-probe.ts"],
      { encoding: "utf8", timeout: 60_000 },
    );
    found = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Probe;
    probes.set(major, found);
  }
  return found;
}

const TALKSTACK_BASES = ["https://api.talkstackai.com", "http://127.0.0.1:4010"];
const SEAMLESS_BASES = ["https://seamless-sandbox-dev-cm.oriserve.com", "http://127.0.0.1:4011"];
const TALKSTACK_URLS = [
  "https://api.talkstackai.com/auth/login",
  "http://127.0.0.1:4010/auth/login",
];
const SEAMLESS_URLS = [
  "https://seamless-sandbox-dev-cm.oriserve.com/auth/login",
  "https://seamless-sandbox-dev-cm.oriserve.com//auth/login",
  "http://127.0.0.1:4011/auth/login",
  "http://127.0.0.1:4011//auth/login",
];

describe.each(MAJORS)("createHandlers on msw $major", ({ major }) => {
  let result: Probe;
  beforeAll(() => {
    result = probe(major);
  }, 60_000);

  it("runs on the msw it names", () => {
    expect(result.msw.split(".")[0]).toBe(major);
  });

  it("gives one handler, which answers every login URL with its own variant", () => {
    expect(result.headers).toHaveLength(1);
    // The Seamless demo login: Seamless logs it in, TalkStack has no such user.
    expect(result.answers).toEqual([
      ...TALKSTACK_URLS.map((url) => ({ url, status: 404 })),
      ...SEAMLESS_URLS.map((url) => ({ url, status: 200 })),
    ]);
  });

  it("names every login URL in its header, as server.listHandlers() shows it", () => {
    // Each API's login URLs, then those of the refresh and logout its spec names (all POST).
    const talkstackSession = ["refresh", "logout"].flatMap((kind) =>
      TALKSTACK_BASES.map((base) => `${base}/auth/${kind}`),
    );
    // Seamless' `//auth/login` alias gives its logout the same extra slash.
    const seamlessSession = SEAMLESS_BASES.flatMap((base) => [
      `${base}/auth/logout`,
      `${base}//auth/logout`,
    ]);
    expect(result.headers).toEqual([
      `POST ${[...TALKSTACK_URLS, ...talkstackSession, ...SEAMLESS_URLS, ...seamlessSession].join(", ")}`,
    ]);
  });

  it("answers exactly the requests one http.post per URL would (msw's own matching)", () => {
    expect(result.matching.filter((row) => row.ours).length).toBeGreaterThan(3);
    for (const row of result.matching) expect(row, row.request).toMatchObject({ ours: row.perUrl });
  });

  it("resolves relative base URLs against getResponse's baseUrl", () => {
    expect(result.relative).toEqual([
      { path: "/talkstack/auth/login", status: 404 },
      { path: "/seamless/auth/login", status: 200 },
      { path: "/seamless//auth/login", status: 200 },
    ]);
  });
});

describe("on msw 2, a login passes msw's cookie handling once", () => {
  it("so the Cookie header the mock sees carries msw's stored token cookie once, not once per handler passed", () => {
    // msw 2 appends its cookie store's cookies to the request in every handler it evaluates;
    // the first login sets Seamless' `token` cookie, the second carries it.
    expect(probe("2").cookieCopies).toEqual([0, 1]);
  });
});
