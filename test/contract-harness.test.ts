/**
 * The contract harness against three targets: our own server (it must hold, every documented
 * response exercised), Prism's mock of the same spec (an independent implementation), and
 * deliberately broken servers (each must fail exactly the checks it names, no more, no fewer;
 * test/contract-checks-each.test.ts runs each against its own check alone).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runContract } from "../contracts/contract-run.ts";
import { createLoginMock, type LoginMock } from "../mocks/core/login-mock.ts";
import type { Variant } from "../openapi/documents.ts";
import { VARIANTS } from "../presets/ids.ts";
import { DEFAULT_BODY_LIMIT } from "../server/read-body.ts";
import { startServers } from "../server/start-servers.ts";
import { ownServerOptions } from "./support/contract-options.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { failedChecks, MUTANTS, runAgainstMutant } from "./support/mutants.ts";
import { startPrism } from "./support/prism.ts";

describe("the contract suite against our own server", () => {
  const servers = useHttpServers();

  it.each(VARIANTS)("holds for %s, with every documented response exercised", async (variant) => {
    const report = await runContract(ownServerOptions(variant, servers.url(variant)));
    expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(report.preferHonoured).toBe(true);
    expect(report.coverage.map((row) => [row.example, row.outcome])).toEqual(
      report.coverage.map((row) => [row.example, "passed"]),
    );
    expect(report.unexercised).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("without credentials, skips the positive cases and says why", async () => {
    const report = await runContract(
      ownServerOptions("seamless", servers.url("seamless"), {
        identity: undefined,
        secret: undefined,
        drive: "data",
        requireAll: true,
      }),
    );
    const success = report.coverage.find((row) => row.example === "success");
    expect(success).toMatchObject({
      outcome: "skipped",
      detail: expect.stringContaining("--identity"),
    });
    const challenge = report.coverage.find((row) => row.example === "recaptcha-failed");
    expect(challenge).toMatchObject({
      outcome: "unreachable",
      detail: expect.stringContaining("--rejected-challenge"),
    });
    // --require-all: a reachable response (success, given credentials) was not exercised.
    expect(report.unexercised.join()).toContain("success");
    expect(report.ok).toBe(false);
  });

  it("sends at most --max-wrong-secret wrong secrets to the real account", async () => {
    const count = () =>
      servers.logLines.filter((line) => line.includes('"invalid-password"')).length;
    const before = count();
    const capped = await runContract(
      ownServerOptions("talkstack", servers.url("talkstack"), {
        maxWrongSecret: 0,
        drive: "data",
        fuzzRuns: 0,
      }),
    );
    expect(capped.results.find((r) => r.id.endsWith("← wrong-secret"))).toMatchObject({
      outcome: "skipped",
      reason: expect.stringContaining("--max-wrong-secret"),
    });
    expect(count()).toBe(before);
    await runContract(
      ownServerOptions("talkstack", servers.url("talkstack"), {
        maxWrongSecret: 1,
        drive: "data",
        fuzzRuns: 0,
      }),
    );
    expect(count()).toBe(before + 1);
  });
});

describe("the 413 for an oversized body", () => {
  /** An Express-like server: its framework refuses big bodies with its own HTML page. */
  function frameworkLimit(mock: LoginMock, limitBytes: number): LoginMock {
    return {
      ...mock,
      async handle(variant, input, override) {
        if (input.bodyText.length <= limitBytes) return mock.handle(variant, input, override);
        return {
          kind: "response",
          status: 413,
          headers: [["content-type", "text/html; charset=utf-8"]],
          body: "<!DOCTYPE html><pre>PayloadTooLargeError: request entity too large</pre>",
          delayMs: 0,
        };
      },
    };
  }

  async function runAgainst(mock: LoginMock) {
    // The server's own limit out of the way: the mock (or nothing) decides about big bodies.
    const running = await startServers({
      variants: ["talkstack"],
      port: 0,
      mock,
      log: () => {},
      bodyLimitBytes: 10 * DEFAULT_BODY_LIMIT,
    });
    try {
      const report = await runContract(
        ownServerOptions("talkstack", running.urls.talkstack ?? "", { fuzzRuns: 0 }),
      );
      return { report, oversized: report.results.find((r) => r.id.endsWith("← oversized-body")) };
    } finally {
      await running.close(100);
    }
  }
  const newMock = () => createLoginMock();

  it("is judged by its status alone when the body is the framework's own (x-framework-body)", async () => {
    const { report, oversized } = await runAgainst(frameworkLimit(newMock(), DEFAULT_BODY_LIMIT));
    expect(oversized?.outcome).toBe("passed");
    const verdicts = Object.fromEntries(oversized?.checks.map((c) => [c.name, c.verdict]) ?? []);
    expect(verdicts).toMatchObject({ "status-code": "passed", "content-type": "not-applicable" });
    expect(report.ok).toBe(true);
  });

  it("fails by status when the server has no body limit", async () => {
    const { report, oversized } = await runAgainst(newMock());
    expect(oversized?.outcome).toBe("failed");
    expect(oversized?.checks.find((c) => c.verdict === "failed")?.violations).toEqual([
      "got 404, the spec documents 413 (body-too-large) for this request",
    ]);
    expect(report.ok).toBe(false);
  });
});

describe("the response-time budget", () => {
  const slow = useHttpServers({ delayMs: 60 });

  it("is off by default, and names the slow responses when set", async () => {
    const url = slow.url("talkstack");
    const relaxed = await runContract(ownServerOptions("talkstack", url, { fuzzRuns: 0 }));
    expect(relaxed.ok).toBe(true);
    const strict = await runContract(
      ownServerOptions("talkstack", url, {
        fuzzRuns: 0,
        settings: { responseTimeBudgetMs: 30, jwtLeewaySeconds: 120, jwtAlgorithms: ["HS256"] },
      }),
    );
    expect(failedChecks(strict)).toEqual(["response-time"]);
    const violation = strict.results
      .flatMap((r) => r.checks)
      .find((c) => c.name === "response-time");
    expect(violation?.violations[0]).toMatch(/^took \d+ ms, the budget is 30 ms$/);
  }, 30_000);
});

describe("the contract suite against Prism's mock of the same spec", () => {
  const prism = new Map<Variant, { url: string; stop: () => Promise<void> }>();
  beforeAll(async () => {
    for (const variant of VARIANTS) prism.set(variant, await startPrism(variant));
  }, 60_000);
  afterAll(async () => {
    for (const running of prism.values()) await running.stop();
  });

  it.each(VARIANTS)(
    "holds for %s on every response Prism can produce (Prefer-driven)",
    async (variant) => {
      const url = prism.get(variant)?.url ?? "";
      const report = await runContract(
        ownServerOptions(variant, url, {
          drive: "prefer",
          skipChecks: ["jwt-freshness"],
          requireAll: false,
        }),
      );
      expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
      expect(report.preferHonoured).toBe(true);
      const rows = report.coverage.filter((row) => row.example !== "negative data");
      expect(rows.every((row) => row.outcome === "passed")).toBe(true);
      expect(report.ok).toBe(true);
    },
  );

  it("fails jwt-freshness there unless skipped: Prism serves the example's token, long expired", async () => {
    const report = await runContract(
      ownServerOptions("talkstack", prism.get("talkstack")?.url ?? "", {
        drive: "prefer",
        requireAll: false,
      }),
    );
    expect(failedChecks(report)).toEqual(["jwt-freshness"]);
  });
});

describe("the contract suite against deliberately broken servers", () => {
  it.each(MUTANTS.map((mutant) => [mutant.name, mutant] as const))(
    "catches %s, with exactly the checks it names",
    async (_name, mutant) => {
      const report = await runAgainstMutant(mutant);
      expect(report.ok).toBe(false);
      expect(failedChecks(report)).toEqual(mutant.fires);
      expect(mutant.fires).toContain(mutant.caughtBy);
    },
  );

  it("has at least twelve mutants, each aimed at a named check", () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(12);
  });
});
