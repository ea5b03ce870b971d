/**
 * Accounts with outcomes of their own (issue 20): from code (`createLoginMock({ accounts })`,
 * `session.addAccounts`), from a file (`serve --accounts`) and from the control API
 * (`POST /__mock/accounts`), each answering its own outcome while the demo account logs in.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAccountsFile } from "../cli/accounts-file.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import type { LoginInput } from "../mocks/core/pipeline/request-data.ts";
import { AccountOutcomeError, MAX_EXTRA_ACCOUNTS } from "../mocks/store/account-outcomes.ts";
import { TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { runCli, startCli, stopChild } from "./support/spawn-cli.ts";

const talkstack = (email: string, password: string, session: string | null = null): LoginInput => ({
  contentType: "application/json",
  bodyText: JSON.stringify({ email, password }),
  prefer: null,
  scenario: null,
  session,
});

async function answer(mock: ReturnType<typeof createLoginMock>, input: LoginInput) {
  const reply = await mock.handle("talkstack", input);
  if (reply.kind !== "response") throw new Error(`no response: ${reply.kind}`);
  const scenario = reply.headers.find(([name]) => name === "x-mock-scenario")?.[1];
  return { status: reply.status, scenario, delayMs: reply.delayMs };
}

const DEMO = TALKSTACK_DEMO.documented;

const OUTCOMES = [
  {
    api: "talkstack",
    identity: "unverified@example.com",
    secret: "pw-unverified",
    answer: "account-not-verified",
  },
  { api: "talkstack", identity: "locked@example.com", secret: "pw-locked", answer: "login-failed" },
];

describe("account outcomes in the core", () => {
  it("answers each outcome account's own outcome while the demo account logs in", async () => {
    const mock = createLoginMock({ accounts: OUTCOMES });
    expect(await answer(mock, talkstack("unverified@example.com", "pw-unverified"))).toMatchObject({
      status: 403,
      scenario: "account-not-verified",
    });
    expect(await answer(mock, talkstack("LOCKED@example.com", "pw-locked"))).toMatchObject({
      scenario: "login-failed",
    });
    // The secret still counts: a wrong one is a wrong secret.
    expect(await answer(mock, talkstack("locked@example.com", "nope"))).toMatchObject({
      scenario: "invalid-password",
    });
    expect(await answer(mock, talkstack(DEMO.email, DEMO.password))).toMatchObject({
      status: 200,
      scenario: "success",
    });
    // Every session starts with them, a reset keeps them; a forced scenario still wins.
    expect(
      await answer(mock, talkstack("unverified@example.com", "pw-unverified", "other")),
    ).toMatchObject({ scenario: "account-not-verified" });
    mock.reset();
    mock.setScenario("talkstack", "user-not-found");
    expect(await answer(mock, talkstack("unverified@example.com", "pw-unverified"))).toMatchObject({
      scenario: "user-not-found",
    });
  });

  it("delays every reply to a slow account, not the others; Prefer still wins", async () => {
    const mock = createLoginMock({
      accounts: [{ api: "talkstack", identity: "slow@example.com", secret: "pw", delayMs: 3000 }],
    });
    expect(await answer(mock, talkstack("slow@example.com", "pw"))).toMatchObject({
      status: 200,
      delayMs: 3000,
    });
    expect(await answer(mock, talkstack("slow@example.com", "wrong"))).toMatchObject({
      delayMs: 3000,
    });
    expect(await answer(mock, talkstack(DEMO.email, DEMO.password))).toMatchObject({ delayMs: 0 });
    const preferred = await mock.handle("talkstack", {
      ...talkstack("slow@example.com", "pw"),
      prefer: "delay=10",
    });
    expect(preferred.kind === "response" && preferred.delayMs).toBe(10);
  });

  it("gives an existing account a custom password, keeping its profile", async () => {
    const mock = createLoginMock({
      accounts: [{ api: "talkstack", identity: DEMO.email, secret: "new-password" }],
    });
    expect(await answer(mock, talkstack(DEMO.email, DEMO.password))).toMatchObject({
      scenario: "invalid-password",
    });
    expect(await answer(mock, talkstack(DEMO.email, "new-password"))).toMatchObject({
      scenario: "success",
    });
    // An existing account without a secret keeps its own and takes the answer.
    const kept = createLoginMock({
      accounts: [{ api: "talkstack", identity: DEMO.email, answer: "login-failed" }],
    });
    expect(await answer(kept, talkstack(DEMO.email, DEMO.password))).toMatchObject({
      scenario: "login-failed",
    });
  });

  it("adds accounts to one session only, and a reset of it drops them", async () => {
    const mock = createLoginMock();
    const added = mock
      .session("qa")
      .addAccounts([{ api: "talkstack", identity: "new@example.com", secret: "pw-9" }]);
    expect(added).toEqual([{ api: "talkstack", identity: "new@example.com", secret: "(set)" }]);
    expect(await answer(mock, talkstack("new@example.com", "pw-9", "qa"))).toMatchObject({
      scenario: "success",
    });
    expect(await answer(mock, talkstack("new@example.com", "pw-9"))).toMatchObject({
      scenario: "user-not-found",
    });
    expect(await answer(mock, talkstack("new@example.com", "pw-9", "other"))).toMatchObject({
      scenario: "user-not-found",
    });
    mock.session("qa").reset();
    expect(mock.session("qa").accounts()).toEqual([]);
    expect(await answer(mock, talkstack("new@example.com", "pw-9", "qa"))).toMatchObject({
      scenario: "user-not-found",
    });
  });

  it("refuses bad accounts, naming the account and field, and adds none", () => {
    const refused = (accounts: unknown[]) => {
      try {
        createLoginMock({ accounts: accounts as never });
      } catch (error) {
        expect(error).toBeInstanceOf(AccountOutcomeError);
        return (error as AccountOutcomeError).message;
      }
      throw new Error("accepted");
    };
    expect(refused([{ identity: "a@example.com", secret: "x" }])).toContain(
      "accounts[0].api: is missing, and this mock serves several APIs",
    );
    expect(refused([{ api: "talkstack", identity: "a@example.com", answer: "success" }])).toContain(
      "accounts[0].secret: is missing",
    );
    expect(
      refused([{ api: "talkstack", identity: "a@example.com", secret: "x", answer: "nope" }]),
    ).toContain("Use one of success,");
    expect(refused([{ api: "talkstack", identity: " ", secret: "x" }])).toContain(
      "accounts[0].identity: must be a non-empty string",
    );
    expect(
      refused([{ api: "talkstack", identity: "a@example.com", secret: "x", delayMs: 60_001 }]),
    ).toContain("accounts[0].delayMs");
    expect(refused([{ api: "talkstack", identity: "a@example.com", pasword: "x" }])).toContain(
      "accounts[0].pasword: is not a field",
    );
    const many = Array.from({ length: MAX_EXTRA_ACCOUNTS + 1 }, (_, index) => ({
      api: "talkstack",
      identity: `user${index}@example.com`,
      secret: "x",
    }));
    expect(refused(many)).toContain(`Keep at most ${MAX_EXTRA_ACCOUNTS} per session`);
    const session = createLoginMock().session("qa");
    session.addAccounts(many.slice(0, MAX_EXTRA_ACCOUNTS));
    expect(() => session.addAccounts(many.slice(MAX_EXTRA_ACCOUNTS))).toThrow(AccountOutcomeError);
    expect(session.accounts()).toHaveLength(MAX_EXTRA_ACCOUNTS);
  });
});

describe("login-mock serve --accounts", () => {
  const dir = mkdtempSync(join(tmpdir(), "accounts-"));

  it("serves each account's outcome while the demo account logs in", async () => {
    const file = join(dir, "accounts.yaml");
    writeFileSync(
      file,
      [
        "- identity: unverified@example.com",
        "  secret: pw-unverified",
        "  answer: account-not-verified",
        "- identity: locked@example.com",
        "  secret: pw-locked",
        "  answer: login-failed",
        "",
      ].join("\n"),
    );
    const { child, byVariant } = await startCli([
      "talkstack",
      "--port",
      "0",
      "--log",
      "off",
      "--accounts",
      file,
    ]);
    try {
      const login = async (email: string, password: string) => {
        const response = await fetch(`${byVariant.talkstack}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
        await response.arrayBuffer();
        return [response.status, response.headers.get("x-mock-scenario")];
      };
      expect(await login("unverified@example.com", "pw-unverified")).toEqual([
        403,
        "account-not-verified",
      ]);
      expect((await login("locked@example.com", "pw-locked"))[1]).toBe("login-failed");
      expect(await login(DEMO.email, DEMO.password)).toEqual([200, "success"]);
    } finally {
      await stopChild(child);
    }
  });

  it("exits 2 on a bad file with the line and the fix", () => {
    const file = join(mkdtempSync(join(dir, "bad-")), "accounts.yaml");
    writeFileSync(
      file,
      ["- identity: unverified@example.com", "  secret: pw-1", "  answer: not-verified", ""].join(
        "\n",
      ),
    );
    const bad = runCli(["serve", "talkstack", "--port", "0", "--accounts", file]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('accounts.yaml:3: answer "not-verified" is not an example');
    expect(bad.stderr).toContain("Use one of success,");
    expect(bad.stdout).toBe("");
  });
});

describe("POST /__mock/accounts", () => {
  const servers = useHttpServers();
  const control = (method: string, session: string, body?: unknown) =>
    fetch(`${servers.url("talkstack")}/__mock/accounts`, {
      method,
      headers: {
        "x-mock-session": session,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = async (session: string, email: string, password: string) => {
    const response = await fetch(`${servers.url("talkstack")}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-mock-session": session },
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    return response.headers.get("x-mock-scenario");
  };

  it("adds accounts to the addressed session only, and never echoes a secret", async () => {
    const response = await control("POST", "qa-ana", {
      accounts: [
        {
          identity: "unverified@example.com",
          secret: "very-secret-1",
          answer: "account-not-verified",
        },
        { identity: "slow@example.com", secret: "very-secret-2", delayMs: 50 },
      ],
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain("very-secret");
    expect(JSON.parse(text)).toMatchObject({
      session: "qa-ana",
      limit: MAX_EXTRA_ACCOUNTS,
      added: [
        {
          api: "talkstack",
          identity: "unverified@example.com",
          secret: "(set)",
          answer: "account-not-verified",
        },
        { api: "talkstack", identity: "slow@example.com", secret: "(set)", delayMs: 50 },
      ],
    });
    expect(await login("qa-ana", "unverified@example.com", "very-secret-1")).toBe(
      "account-not-verified",
    );
    expect(await login("qa-ana", "slow@example.com", "very-secret-2")).toBe("success");
    expect(await login("qa-ana", DEMO.email, DEMO.password)).toBe("success");
    expect(await login("qa-bob", "unverified@example.com", "very-secret-1")).toBe("user-not-found");
    const listed = await (await control("GET", "qa-ana")).text();
    expect(listed).not.toContain("very-secret");
    expect(JSON.parse(listed).accounts).toHaveLength(2);
    expect((await (await control("GET", "qa-bob")).json()).accounts).toEqual([]);
    expect(servers.logLines.join("\n")).not.toContain("very-secret");
    // One account object, without the list, works too.
    const one = await control("POST", "qa-bob", { identity: DEMO.email, answer: "login-failed" });
    expect((await one.json()).added).toEqual([
      { api: "talkstack", identity: DEMO.email, secret: "(unchanged)", answer: "login-failed" },
    ]);
    expect(await login("qa-bob", DEMO.email, DEMO.password)).toBe("login-failed");
  });

  it("refuses a bad account with problem+json and adds none", async () => {
    const response = await control("POST", "qa-carl", {
      accounts: [
        { identity: "new@example.com", secret: "x" },
        { identity: "other@example.com", answer: "success" },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.detail).toContain("accounts[1].secret: is missing");
    expect((await (await control("GET", "qa-carl")).json()).accounts).toEqual([]);
    const tooMany = await control("POST", "qa-carl", {
      accounts: Array.from({ length: MAX_EXTRA_ACCOUNTS + 1 }, (_, index) => ({
        identity: `user${index}@example.com`,
        secret: "x",
      })),
    });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).maximum).toBe(MAX_EXTRA_ACCOUNTS);
  });
});

describe("the QA guide's accounts file", () => {
  it("is one serve --accounts takes", async () => {
    const page = readFileSync("docs/qa.md", "utf8");
    const yaml = /^```yaml\n# accounts\.yaml\n([\s\S]*?)^```$/m.exec(page)?.[1];
    if (!yaml) throw new Error("docs/qa.md shows no accounts.yaml");
    const file = join(mkdtempSync(join(tmpdir(), "accounts-doc-")), "accounts.yaml");
    writeFileSync(file, yaml);
    const read = await readAccountsFile(file);
    const mock = createLoginMock({ accounts: read.accounts });
    expect(await answer(mock, talkstack("unverified@example.com", "pw-123"))).toMatchObject({
      scenario: "account-not-verified",
    });
    expect(await answer(mock, talkstack("slow@example.com", "pw-123"))).toMatchObject({
      delayMs: 3000,
    });
  });
});
