/**
 * `login-mock contract` end to end, as CI runs it: a child process printing each case as it
 * finishes, reports on disk. Against our server it exits 0; against a broken one it exits 1
 * naming the check. No secret, challenge value or token appears in any output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { startServers } from "../server/start-servers.ts";
import { demoAccounts, presetApi } from "./support/contract-options.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { MUTANTS, mutatedMock } from "./support/mutants.ts";
import { runCliAsync } from "./support/spawn-cli.ts";

const CHALLENGE = "contract-cli-challenge-value";
const SEAMLESS_DEMO = demoAccounts(presetApi("seamless")).valid;

const runCli = (args: string[], env: Record<string, string>) =>
  runCliAsync(["contract", ...args], env);

/** Tags balance, attributes are quoted, only the five XML escapes are used. */
function expectWellFormedXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const stack: string[] = [];
  for (const [, closing, name, attributes, selfClosing] of xml.matchAll(
    /<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g,
  )) {
    expect(attributes).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#10;)/);
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name ?? "");
  }
  expect(stack).toEqual([]);
  expect(xml.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
}

describe("login-mock contract", () => {
  const servers = useHttpServers();
  const secrets = {
    CONTRACT_IDENTITY: SEAMLESS_DEMO.identity,
    CONTRACT_SECRET: SEAMLESS_DEMO.secret,
    CONTRACT_CHALLENGE: CHALLENGE,
  };
  // The variables of the flags' former names, still read.
  const formerSecrets = {
    CONTRACT_EMAIL: SEAMLESS_DEMO.identity,
    CONTRACT_PASSWORD: SEAMLESS_DEMO.secret,
    CONTRACT_RECAPTCHA: CHALLENGE,
  };

  it("passes against our server by data alone and writes JUnit and Markdown without a secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contract-cli-"));
    const junit = join(dir, "junit.xml");
    const summary = join(dir, "summary.md");
    // The spec as a user gives their own: a file, read at run time.
    const { code, output } = await runCli(
      [
        "openapi/seamless.yaml",
        "--base-url",
        servers.url("seamless"),
        "--require-all",
        "--junit",
        junit,
        "--summary",
        summary,
        "--drive",
        "data",
      ],
      secrets,
    );
    // --drive data: the 500 and the rejected challenge cannot be provoked, so they are reported
    // unreachable (with the reason), which --require-all accepts; everything else passed.
    expect(code, output).toBe(0);
    const xml = readFileSync(junit, "utf8");
    expectWellFormedXml(xml);
    expect(xml).toMatch(
      /<skipped message="unreachable: a live `recaptchaVal` challenge cannot be made to fail on purpose[^"]*"\/>/,
    );
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toContain("| 200 | `success` | ✅ passed |");
    // Each case is printed as it finishes, a skipped one with its reason; no colour in a log.
    expect(output).toMatch(/^ {2}✓ 200 success ← valid-login \(200, \d+ ms\)$/m);
    expect(output).toContain(
      "  – 401 recaptcha-failed ← challenge-rejected [unreachable: a live `recaptchaVal` challenge cannot be made to fail on purpose",
    );
    expect(output).toContain(
      "  ✓ every reachable documented response was exercised (--require-all)",
    );
    expect(output).not.toContain("\x1b[");
    for (const text of [output, xml, markdown]) {
      expect(text).not.toContain(SEAMLESS_DEMO.secret);
      expect(text).not.toContain(CHALLENGE);
      expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    }
  }, 60_000);

  it("exits 0 when every documented response holds (Prefer reaches the rest)", async () => {
    const { code, output } = await runCli(
      ["seamless", "--base-url", servers.url("seamless"), "--require-all"],
      secrets,
    );
    expect(code, output).toBe(0);
    expect(output).toContain("Contract holds.");
    expect(output).toMatch(/401\s+recaptcha-failed\s+✓ passed\s+via Prefer/);
  }, 60_000);

  it("exits 1 against a broken server and names the check in the JUnit failure", async () => {
    const mutant = MUTANTS.find((m) => m.caughtBy === "token-not-in-body");
    if (!mutant) throw new Error("no token-leak mutant");
    const mock = mutatedMock(createLoginMock(), mutant);
    const running = await startServers({ variants: ["seamless"], port: 0, mock, log: () => {} });
    try {
      const junit = join(mkdtempSync(join(tmpdir(), "contract-cli-")), "junit.xml");
      // The flags' former names and variables: --variant, CONTRACT_EMAIL, CONTRACT_PASSWORD.
      const { code, output } = await runCli(
        ["--variant", "seamless", "--base-url", running.urls.seamless ?? "", "--junit", junit],
        formerSecrets,
      );
      expect(code, output).toBe(1);
      // One line as the case finishes; the details after every case, shared by the cases that
      // failed alike (by data and by Prefer).
      expect(output).toContain(
        "  ✗ 200 success ← valid-login: got 200 as expected, but failed token-not-in-body\n",
      );
      expect(output).toContain(
        "\nWhat failed, in detail:\n  ✗ 200 success ← valid-login, Prefer: got 200 as expected, but failed token-not-in-body\n    ✗ token-not-in-body\n",
      );
      expect(output).toMatch(/^Cases: \d+ passed, [1-9]\d* failed/m);
      const xml = readFileSync(junit, "utf8");
      expectWellFormedXml(xml);
      expect(xml).toContain('<failure message="failed checks: token-not-in-body"');
      for (const text of [output, xml]) expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    } finally {
      await running.close(100);
    }
  }, 60_000);

  it("exits 2 with the file, the pointer and the fix for a spec that does not load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contract-cli-"));
    const spec = join(dir, "no-login.yaml");
    writeFileSync(
      spec,
      "openapi: 3.1.0\ninfo: { title: No login, version: 1.0.0 }\npaths:\n  /x:\n    get:\n      responses: { '200': { description: ok } }\n",
    );
    const { code, output } = await runCli([spec, "--base-url", "http://127.0.0.1:9"], {});
    expect(code, output).toBe(2);
    const [line, ...more] = output.trim().split("\n");
    expect(more, output).toEqual([]);
    expect(line).toContain(
      `[login-mock] ${spec} at /paths: no operation has an \`x-login-mock\` block, so login-mock cannot tell which one logs in.`,
    );
    expect(line).toContain(
      "Add `x-login-mock: { identity, secret, outcomes, token, accounts, unknownIdentity }`",
    );
  }, 60_000);

  it("exits 2 with one line for a bad flag, 3 when the target is down", async () => {
    const bad = await runCli(["--variant", "acme", "--base-url", "http://127.0.0.1:9"], {});
    expect(bad.code).toBe(2);
    expect(bad.output.trim()).toBe(
      '[login-mock] contract: --variant "acme" is not valid; accepted: a spec file (.yaml, .yml, .json, or an existing file) or a preset: talkstack, seamless.',
    );
    const unknown = await runCli(["acme", "--base-url", "http://127.0.0.1:9"], {});
    expect(unknown.code).toBe(2);
    expect(unknown.output.trim()).toBe(
      '[login-mock] contract: "acme" is neither a spec file (a path ending in .yaml, .yml or .json, or an existing file) nor a built-in preset (talkstack, seamless).',
    );
    const down = await runCli(
      [
        "--variant",
        "talkstack",
        "--base-url",
        "http://127.0.0.1:9",
        "--retries",
        "0",
        "--fuzz-runs",
        "2",
      ],
      {},
    );
    expect(down.code, down.output).toBe(3);
    expect(down.output).toContain("network problem, not a contract violation");
  }, 60_000);
});
