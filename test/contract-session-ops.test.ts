/**
 * The contract's refresh and logout cases (issue 20): against the mock every one passes, for
 * TalkStack (rotating refresh and a bearer logout) and Seamless (a cookie logout); against
 * broken servers each session check fails. A broken server here is a small node:http proxy in
 * front of the real mock that changes one thing: a refresh that does not rotate, a reuse it
 * accepts, a reuse that leaves the family alive, a logout that revokes nothing or does not clear
 * the cookie (or clears another Path), and refresh and logout not served at all, which an
 * operation the spec marks x-inferred is allowed unless --require-session-operations.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contractExitCode } from "../contracts/console-runner.ts";
import { type CaseResult, type ContractReport, runContract } from "../contracts/contract-run.ts";
import type { ContractOptions } from "../contracts/options.ts";
import {
  formatCaseResult,
  formatCoverage,
  formatFailureDetails,
} from "../contracts/reports/console.ts";
import { toJunitXml } from "../contracts/reports/junit.ts";
import { toMarkdownSummary } from "../contracts/reports/markdown.ts";
import type { Variant } from "../openapi/documents.ts";
import { readLoginSpec } from "../openapi/read-login-spec.ts";
import { ownServerOptions } from "./support/contract-options.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { runCliAsync } from "./support/spawn-cli.ts";

const servers = useHttpServers();

/** A request as the proxy got it. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Reply {
  status: number;
  headers: [string, string][];
  body: string;
}

type Forward = (body?: string) => Promise<Reply>;

const proxies: Server[] = [];
afterAll(async () => {
  for (const proxy of proxies.splice(0)) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});

/** Every token, refresh token and cookie value that went through a proxy: never printed. */
const secretsSeen = new Set<string>();

function remember(reply: Reply): void {
  for (const [name, value] of reply.headers)
    if (name === "set-cookie") secretsSeen.add(/^[^=]+=([^;]*)/.exec(value)?.[1] ?? "");
  try {
    const json = JSON.parse(reply.body) as Record<string, unknown>;
    for (const key of ["token", "refreshToken"])
      if (typeof json[key] === "string") secretsSeen.add(json[key]);
  } catch {
    // not JSON
  }
  secretsSeen.delete("");
}

/**
 * A node:http server on 127.0.0.1 in front of the mock serving `variant`: `handle` sees each
 * request and answers it, usually by forwarding it (with another body, if it likes) and editing
 * the reply.
 */
async function proxy(
  variant: Variant,
  handle: (request: Seen, forward: Forward) => Promise<Reply>,
): Promise<string> {
  const upstream = servers.url(variant);
  const server = createServer(async (incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string" && !["host", "content-length", "connection"].includes(name))
        headers[name] = value;
    const request: Seen = {
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    const forward: Forward = async (body = request.body) => {
      const response = await fetch(`${upstream}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.method === "GET" ? {} : { body }),
      });
      const replyHeaders: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (
          !["set-cookie", "content-length", "content-encoding", "transfer-encoding"].includes(name)
        )
          replyHeaders.push([name, value]);
      });
      for (const line of response.headers.getSetCookie()) replyHeaders.push(["set-cookie", line]);
      return { status: response.status, headers: replyHeaders, body: await response.text() };
    };
    const reply = await handle(request, forward);
    remember(reply);
    outgoing.writeHead(reply.status, reply.headers.flat() as unknown as string[]);
    outgoing.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxies.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

const json = (reply: Reply) => JSON.parse(reply.body) as Record<string, unknown>;
const withJson = (reply: Reply, body: Record<string, unknown>): Reply => ({
  ...reply,
  body: JSON.stringify(body),
});
const sentToken = (request: Seen) => {
  try {
    return (JSON.parse(request.body) as { refreshToken?: string }).refreshToken;
  } catch {
    return undefined;
  }
};

/** The run, kept small: data only (every case sent once), no negative phase. */
function run(variant: Variant, baseUrl: string, overrides: Partial<ContractOptions> = {}) {
  return runContract(
    ownServerOptions(variant, baseUrl, { drive: "data", fuzzRuns: 0, ...overrides }),
  );
}

const sessionResults = (report: ContractReport) =>
  report.results.filter((result) => result.operation !== undefined);

/** The session case whose id ends with `← word`. */
function sessionCase(report: ContractReport, word: string): CaseResult {
  const found = sessionResults(report).find((result) => result.id.endsWith(`← ${word}`));
  if (!found) throw new Error(`no session case ← ${word}: ${report.results.map((r) => r.id)}`);
  return found;
}

const failed = (result: CaseResult) =>
  result.checks.filter((check) => check.verdict === "failed").map((check) => check.name);
const verdict = (result: CaseResult, name: string) =>
  result.checks.find((check) => check.name === name)?.verdict;
const violations = (result: CaseResult, name: string) =>
  result.checks.find((check) => check.name === name)?.violations ?? [];

/** Everything the reports would print of a run. */
function printed(report: ContractReport): string {
  return [
    ...report.results.map((result) => formatCaseResult(result)),
    formatFailureDetails(report.results),
    formatCoverage(report),
    toJunitXml([report]),
    toMarkdownSummary([report]),
  ].join("\n");
}

describe("refresh and logout against the mock", () => {
  it("talkstack: every refresh and logout case passes, data and Prefer, each documented response exercised", async () => {
    const report = await runContract(
      ownServerOptions("talkstack", servers.url("talkstack"), { fuzzRuns: 0 }),
    );
    const words = sessionResults(report)
      .filter((r) => r.via === "data")
      .map((r) => r.id.split(" ← ")[1]);
    expect(words).toEqual([
      "unknown-refresh-token",
      "omit-refreshToken",
      "empty-refreshToken",
      "issued-refresh-token",
      "reused-refresh-token",
      "newest-refresh-token-after-reuse",
      "login-credentials",
      "refresh-token-after-logout",
    ]);
    expect(sessionResults(report).filter((r) => r.outcome !== "passed")).toEqual([]);
    const issued = sessionCase(report, "issued-refresh-token");
    expect(issued.id).toBe("200 refreshed (POST /auth/refresh) ← issued-refresh-token");
    for (const check of ["jwt", "jwt-freshness", "refresh-rotation", "session-operation"])
      expect(verdict(issued, check), check).toBe("passed");
    for (const word of [
      "reused-refresh-token",
      "newest-refresh-token-after-reuse",
      "refresh-token-after-logout",
    ])
      expect(verdict(sessionCase(report, word), "token-revoked"), word).toBe("passed");
    const rows = report.coverage.filter((row) => row.operation !== undefined);
    expect(rows.map((row) => [row.operation, row.example, row.outcome])).toEqual([
      ["POST /auth/refresh", "refreshed", "passed"],
      ["POST /auth/refresh", "refresh-token-missing", "passed"],
      ["POST /auth/refresh", "refresh-token-invalid", "passed"],
      ["POST /auth/refresh", "refresh-token-expired", "passed"],
      ["POST /auth/refresh", "refresh-token-reused", "passed"],
      ["POST /auth/logout", "logged-out", "passed"],
      // No data case mistypes the logout's body: the mock's answer is reached through Prefer.
      ["POST /auth/logout", "logout-invalid", "passed"],
    ]);
    expect(report.ok).toBe(true);
    expect(formatCoverage(report)).toContain("refreshed (POST /auth/refresh)");
  });

  it("seamless: the logout with the token cookie passes and clears the cookie as it was set", async () => {
    const report = await runContract(
      ownServerOptions("seamless", servers.url("seamless"), { fuzzRuns: 0 }),
    );
    const logout = sessionCase(report, "login-credentials");
    expect(logout.id).toBe("200 logged-out (POST /auth/logout) ← login-credentials");
    expect(logout.outcome).toBe("passed");
    expect(verdict(logout, "logout-cookie")).toBe("passed");
    expect(sessionResults(report).filter((r) => r.outcome !== "passed")).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("without Prefer, says why an expired refresh token is unreachable, and the run still holds", async () => {
    const report = await run("talkstack", servers.url("talkstack"));
    const expired = report.coverage.find((row) => row.example === "refresh-token-expired");
    expect(expired).toMatchObject({
      outcome: "unreachable",
      detail: expect.stringContaining("a refresh token expires only after its lifetime"),
    });
    expect(report.ok).toBe(true);
  });

  it("without an account, skips the cases that log in (naming the flags) and runs the rest", async () => {
    const report = await run("talkstack", servers.url("talkstack"), {
      identity: undefined,
      secret: undefined,
    });
    for (const word of ["issued-refresh-token", "reused-refresh-token", "login-credentials"])
      expect(sessionCase(report, word)).toMatchObject({
        outcome: "skipped",
        reason: expect.stringContaining("--identity"),
      });
    expect(sessionCase(report, "unknown-refresh-token").outcome).toBe("passed");
    expect(sessionCase(report, "empty-refreshToken").outcome).toBe("passed");
  });
});

describe("refresh and logout against broken servers", () => {
  it("a refresh that does not rotate fails refresh-rotation", async () => {
    const url = await proxy("talkstack", async (request, forward) => {
      const reply = await forward();
      if (request.path !== "/auth/refresh" || reply.status !== 200) return reply;
      // The new refresh token swapped for the one sent: a server that never rotates.
      return withJson(reply, { ...json(reply), refreshToken: sentToken(request) });
    });
    const report = await run("talkstack", url);
    const issued = sessionCase(report, "issued-refresh-token");
    expect(failed(issued)).toEqual(["refresh-rotation"]);
    expect(violations(issued, "refresh-rotation")[0]).toMatch(
      /is the one sent: it was not rotated/,
    );
    // With no new token, the family has no newest one to try.
    expect(sessionCase(report, "newest-refresh-token-after-reuse")).toMatchObject({
      outcome: "unreachable",
      reason: expect.stringContaining("gave no new refresh token"),
    });
    expect(report.ok).toBe(false);
    const text = printed(report);
    expect(secretsSeen.size).toBeGreaterThan(2);
    for (const secret of secretsSeen) expect(text).not.toContain(secret);
    expect(text).toContain("refresh-rotation");
  });

  it("a rotated refresh token accepted again fails token-revoked and status-code", async () => {
    const newest = new Map<string, string>();
    const url = await proxy("talkstack", async (request, forward) => {
      if (request.path !== "/auth/refresh") return forward();
      const sent = sentToken(request) ?? "";
      // A server without reuse detection: a retired token still refreshes (its family's newest
      // is sent on to the mock in its place).
      const reply = await forward(
        newest.has(sent) ? JSON.stringify({ refreshToken: newest.get(sent) }) : undefined,
      );
      const given = reply.status === 200 ? json(reply).refreshToken : undefined;
      if (typeof given === "string") newest.set(sent, given);
      return reply;
    });
    const report = await run("talkstack", url);
    const reused = sessionCase(report, "reused-refresh-token");
    expect(reused.received?.status).toBe(200);
    expect(failed(reused)).toEqual(["status-code", "token-revoked"]);
    expect(violations(reused, "token-revoked")).toEqual([
      "a rotated refresh token sent again was accepted with 200",
    ]);
    expect(sessionCase(report, "issued-refresh-token").outcome).toBe("passed");
    expect(report.ok).toBe(false);
  });

  it("a reuse refused without revoking the family fails token-revoked on the family's newest token", async () => {
    const used = new Set<string>();
    const url = await proxy("talkstack", async (request, forward) => {
      if (request.path !== "/auth/refresh") return forward();
      const sent = sentToken(request) ?? "";
      // The reuse is refused here, before the mock sees it: the family lives on.
      if (used.has(sent))
        return {
          status: 401,
          headers: [["content-type", "application/json"]],
          body: JSON.stringify({ status: "error", message: "Refresh token already used." }),
        };
      const reply = await forward();
      if (reply.status === 200) used.add(sent);
      return reply;
    });
    const report = await run("talkstack", url);
    expect(sessionCase(report, "reused-refresh-token").outcome).toBe("passed");
    const newest = sessionCase(report, "newest-refresh-token-after-reuse");
    expect(failed(newest)).toEqual(["status-code", "token-revoked"]);
    expect(report.ok).toBe(false);
  });

  it("a logout that revokes nothing fails token-revoked on the logged-out login's refresh token", async () => {
    const url = await proxy("talkstack", async (request, forward) =>
      request.path === "/auth/logout"
        ? {
            status: 200,
            headers: [["content-type", "application/json"]],
            body: JSON.stringify({ status: "success", message: "Logged out." }),
          }
        : forward(),
    );
    const report = await run("talkstack", url);
    expect(sessionCase(report, "login-credentials").outcome).toBe("passed");
    const after = sessionCase(report, "refresh-token-after-logout");
    expect(failed(after)).toEqual(["status-code", "token-revoked"]);
    expect(violations(after, "token-revoked")).toEqual([
      "the refresh token of a logged-out login was accepted with 200",
    ]);
  });

  it("a logout sent the bearer token and the refresh token: the mock revokes that login", async () => {
    const sent: Seen[] = [];
    const url = await proxy("talkstack", async (request, forward) => {
      if (request.path === "/auth/logout") sent.push(request);
      return forward();
    });
    await run("talkstack", url);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sentToken(sent[0] as Seen)).toMatch(/.{16,}/);
  });

  const editLogoutCookie = (edit: (line: string) => string | undefined) =>
    proxy("seamless", async (request, forward) => {
      const reply = await forward();
      if (request.path !== "/auth/logout") return reply;
      const headers = reply.headers.flatMap(([name, value]): [string, string][] => {
        if (name !== "set-cookie") return [[name, value]];
        const line = edit(value);
        return line === undefined ? [] : [[name, line]];
      });
      return { ...reply, headers };
    });

  it.each([
    {
      broken: "a logout that does not clear the cookie",
      edit: () => undefined,
      says: /no Set-Cookie clears `token`.*the browser keeps the token/,
    },
    {
      broken: "a logout that clears the cookie under another Path",
      edit: (line: string) => line.replace("Path=/", "Path=/auth"),
      says: /Path is "\/auth", the cookie was set with "\/": a browser clears only the cookie of the same Path/,
    },
    {
      broken: "a logout that sets the cookie to live on",
      edit: (line: string) => line.replace("Max-Age=0", "Max-Age=3600"),
      says: /Max-Age is 3600, not 0: the cookie is not cleared/,
    },
    {
      broken: "a logout that clears the cookie without HttpOnly and with a Domain",
      edit: (line: string) => `${line.replace("; HttpOnly", "")}; Domain=example.com`,
      says: /Domain is "example.com", the login set it without one \(host-only\)[\s\S]*HttpOnly is missing, the cookie was set with it/,
    },
  ])("$broken fails logout-cookie", async ({ edit, says }) => {
    const url = await editLogoutCookie(edit);
    const report = await run("seamless", url);
    const logout = sessionCase(report, "login-credentials");
    expect(failed(logout)).toContain("logout-cookie");
    expect(violations(logout, "logout-cookie").join("\n")).toMatch(says);
    expect(report.ok).toBe(false);
  });
});

describe("the login a refresh or logout case starts with", () => {
  /** Drops the refresh token from successful logins after the first `keep`. */
  const dropRefreshTokens = (keep: number) => {
    let logins = 0;
    return proxy("talkstack", async (request, forward) => {
      const reply = await forward();
      if (request.path !== "/auth/login" || reply.status !== 200) return reply;
      logins += 1;
      if (logins <= keep || request.headers.prefer) return reply;
      const { refreshToken: _dropped, ...rest } = json(reply);
      return withJson(reply, rest);
    });
  };

  it("fails session-steps when it breaks though the login case passed", async () => {
    const report = await run("talkstack", await dropRefreshTokens(1));
    expect(report.results.find((r) => r.id === "200 success ← valid-login")?.outcome).toBe(
      "passed",
    );
    const issued = sessionCase(report, "issued-refresh-token");
    expect(issued.outcome).toBe("failed");
    expect(failed(issued)).toEqual(["session-steps"]);
    expect(issued.reason).toBe(
      "the login it starts with gave no refresh token at /refreshToken (yet the case 200 success ← valid-login passed)",
    );
    expect(formatCaseResult(issued)).toContain(
      ": the login it starts with gave no refresh token at /refreshToken (yet the case 200 success ← valid-login passed); failed session-steps",
    );
    // The cases that follow it cannot go on from it.
    expect(sessionCase(report, "reused-refresh-token")).toMatchObject({
      outcome: "unreachable",
      reason:
        "the case it follows (200 refreshed (POST /auth/refresh) ← issued-refresh-token) was not judged",
    });
  });

  it("makes its cases unreachable, pointing at the login case, when that case failed itself", async () => {
    const report = await run("talkstack", await dropRefreshTokens(0));
    expect(report.results.find((r) => r.id === "200 success ← valid-login")?.outcome).toBe(
      "failed",
    );
    expect(sessionCase(report, "issued-refresh-token")).toMatchObject({
      outcome: "unreachable",
      reason:
        "the login it starts with gave no refresh token at /refreshToken (the case 200 success ← valid-login says why)",
    });
  });
});

describe("a refresh or logout the target does not serve", () => {
  const notServed = (variant: Variant) =>
    proxy(variant, async (request, forward) =>
      request.path === "/auth/refresh" || request.path === "/auth/logout"
        ? {
            status: 404,
            headers: [["content-type", "text/html; charset=utf-8"]],
            body: `<pre>Cannot POST ${request.path}</pre>`,
          }
        : forward(),
    );

  it("is unreachable when the spec marks it x-inferred: the run holds, exit 0", async () => {
    const url = await notServed("talkstack");
    const report = await runContract(
      ownServerOptions("talkstack", url, { fuzzRuns: 0, requireAll: true }),
    );
    const session = sessionResults(report);
    expect(session.length).toBeGreaterThan(8);
    for (const result of session) {
      expect(result.outcome, result.id).toBe("unreachable");
      expect(result.reason).toMatch(
        /^POST \/auth\/(refresh|logout) answered 404: inferred operation not served by the target; pass --require-session-operations to require it$/,
      );
    }
    expect(report.ok).toBe(true);
    expect(contractExitCode(report)).toBe(0);
  });

  it("fails with --require-session-operations: session-operation names the 404", async () => {
    const url = await notServed("seamless");
    const report = await run("seamless", url, { requireSessionOperations: true });
    const logout = sessionCase(report, "login-credentials");
    expect(failed(logout)).toEqual(["status-code", "session-operation"]);
    expect(violations(logout, "session-operation")).toEqual([
      "POST /auth/logout answered 404 (--require-session-operations requires it)",
    ]);
    expect(report.ok).toBe(false);
    expect(contractExitCode(report)).toBe(1);
  });

  it("fails when the spec documents the operation (no x-inferred), without the flag", async () => {
    const dir = mkdtempSync(join(tmpdir(), "session-ops-"));
    const file = join(dir, "talkstack-documented-refresh.yaml");
    const yaml = readFileSync("openapi/talkstack.yaml", "utf8");
    const documented = yaml.replace(
      /^ {6}x-inferred: The document describes no refresh endpoint\..*\n/m,
      "",
    );
    expect(documented).not.toBe(yaml);
    writeFileSync(file, documented);
    const api = await readLoginSpec(file);
    expect(api.refresh?.inferred).toBeUndefined();
    expect(api.logout?.inferred).toBeDefined();
    const url = await notServed("talkstack");
    const report = await run(api.id as Variant, url, { api });
    const unknown = sessionCase(report, "unknown-refresh-token");
    expect(failed(unknown)).toEqual(["status-code", "session-operation"]);
    expect(violations(unknown, "session-operation")).toEqual(["POST /auth/refresh answered 404"]);
    // The logout is still inferred: unreachable.
    expect(sessionCase(report, "login-credentials").outcome).toBe("unreachable");
    expect(report.ok).toBe(false);
  });

  it("the CLI exits 0 with the reason printed, and 1 with CONTRACT_REQUIRE_SESSION_OPERATIONS", async () => {
    const url = await notServed("talkstack");
    const args = [
      "contract",
      "talkstack",
      "--base-url",
      url,
      "--drive",
      "data",
      "--fuzz-runs",
      "0",
    ];
    const env = { CONTRACT_IDENTITY: "example@host.com", CONTRACT_SECRET: "XXXXXXXXXX" };
    const relaxed = await runCliAsync(args, env);
    expect(relaxed.code, relaxed.output).toBe(0);
    expect(relaxed.output).toContain(
      "– 200 refreshed (POST /auth/refresh) ← issued-refresh-token [unreachable: POST /auth/refresh answered 404: inferred operation not served by the target; pass --require-session-operations to require it]",
    );
    const strict = await runCliAsync(args, { ...env, CONTRACT_REQUIRE_SESSION_OPERATIONS: "1" });
    expect(strict.code, strict.output).toBe(1);
    expect(strict.output).toContain("session-operation");
    expect(strict.output).not.toContain("XXXXXXXXXX");
  }, 60_000);
});
