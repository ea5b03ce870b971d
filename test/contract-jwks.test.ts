/**
 * `--jwks-url` and `--jwt-secret` (issue 20): every JWT the target issues, the login's and the
 * refresh's, must verify against the key set. Against the mock (HS256, RS256, ES256) they do;
 * a token signed by a key the set does not hold, a kid the set does not name, an alg the key is
 * not for, and a refresh token signed with another secret each fail `jwt-signature`. A key set
 * that is not JSON, has no keys, publishes a private key, is too large or is not there gives one
 * clear line, never a crash; the secret is never printed; without the flags nothing changes.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
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
import { ownServerOptions } from "./support/contract-options.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { runCli, runCliAsync } from "./support/spawn-cli.ts";

const hs256 = useHttpServers();
const rs256 = useHttpServers({ alg: "RS256" });
const es256 = useHttpServers({ alg: "ES256" });

const DEMO_SECRET = "login-mock-demo-secret";

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** A node:http server that answers each path with a body of the test's choosing. */
async function keySetServer(
  routes: Record<string, { status?: number; type?: string; body: string }>,
): Promise<string> {
  return listen(
    createServer((request, response) => {
      request.resume();
      const route = routes[request.url ?? ""];
      if (!route) return response.writeHead(404).end();
      response
        .writeHead(route.status ?? 200, { "content-type": route.type ?? "application/json" })
        .end(route.body);
    }),
  );
}

interface Jwk {
  kid?: string;
  [member: string]: unknown;
}

async function jwksOf(baseUrl: string): Promise<Jwk[]> {
  const response = await fetch(`${baseUrl}/.well-known/jwks.json`);
  return ((await response.json()) as { keys: Jwk[] }).keys;
}

/** A public RSA key no server signs with. */
async function foreignRsaKey(): Promise<Jwk> {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const { kty, n, e } = await crypto.subtle.exportKey("jwk", pair.publicKey);
  return { kty, n, e };
}

function run(variant: Variant, baseUrl: string, overrides: Partial<ContractOptions> = {}) {
  return runContract(ownServerOptions(variant, baseUrl, { fuzzRuns: 0, ...overrides }));
}

/** Every jwt-signature outcome of a run, with its case. */
const signatures = (report: ContractReport) =>
  report.results.flatMap((result) =>
    result.checks
      .filter((check) => check.name === "jwt-signature")
      .map((check) => ({ id: result.id, ...check })),
  );
const verified = (report: ContractReport) =>
  signatures(report)
    .filter((check) => check.verdict === "passed" && !check.id.startsWith("key set"))
    .map((check) => check.id);
const keySetResult = (report: ContractReport) =>
  report.results.find((result) => result.via === "key-set") as CaseResult;

function printed(report: ContractReport): string {
  return [
    ...report.results.map((result) => formatCaseResult(result)),
    formatFailureDetails(report.results),
    formatCoverage(report),
    toJunitXml([report]),
    toMarkdownSummary([report]),
  ].join("\n");
}

describe("signatures that verify", () => {
  it("RS256: the login's and the refresh's tokens verify against the mock's key set", async () => {
    const url = rs256.url("talkstack");
    const report = await run("talkstack", url, { jwksUrl: `${url}/.well-known/jwks.json` });
    expect(keySetResult(report)).toMatchObject({
      outcome: "passed",
      reason: "1 key",
      received: { status: 200 },
    });
    expect(verified(report)).toEqual([
      "200 success ← valid-login",
      "200 success ← Prefer",
      "200 refreshed (POST /auth/refresh) ← issued-refresh-token",
    ]);
    expect(signatures(report).filter((check) => check.verdict === "failed")).toEqual([]);
    expect(report.coverage.at(-1)).toMatchObject({ example: "key set", outcome: "passed" });
    expect(report.ok).toBe(true);
  });

  it("ES256: Seamless' cookie token verifies (raw r||s signatures)", async () => {
    const url = es256.url("seamless");
    const report = await run("seamless", url, { jwksUrl: `${url}/.well-known/jwks.json` });
    expect(verified(report)).toEqual(["200 success ← valid-login", "200 success ← Prefer"]);
    expect(report.ok).toBe(true);
  });

  it("HS256 with --jwt-secret: verified by the secret, with no key set to fetch", async () => {
    const report = await run("talkstack", hs256.url("talkstack"), { jwtSecret: DEMO_SECRET });
    expect(keySetResult(report)).toBeUndefined();
    expect(verified(report)).toContain("200 refreshed (POST /auth/refresh) ← issued-refresh-token");
    expect(report.ok).toBe(true);
  });

  it("without --jwks-url or --jwt-secret, nothing changes: no key set, no jwt-signature", async () => {
    const report = await run("talkstack", rs256.url("talkstack"));
    expect(keySetResult(report)).toBeUndefined();
    expect(signatures(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("--skip-check jwt-signature reports it skipped", async () => {
    const url = rs256.url("talkstack");
    const report = await run("talkstack", url, {
      jwksUrl: `${url}/.well-known/jwks.json`,
      skipChecks: ["jwt-signature"],
      drive: "data",
    });
    expect(new Set(signatures(report).map((check) => check.verdict))).toEqual(new Set(["skipped"]));
  });
});

describe("signatures that do not", () => {
  it("a token signed with a key the set does not hold (under its kid) fails", async () => {
    const url = rs256.url("talkstack");
    const [target] = await jwksOf(url);
    const jwks = await keySetServer({
      "/jwks.json": {
        body: JSON.stringify({
          keys: [{ ...(await foreignRsaKey()), kid: target?.kid, alg: "RS256", use: "sig" }],
        }),
      },
    });
    const report = await run("talkstack", url, { jwksUrl: `${jwks}/jwks.json`, drive: "data" });
    const failures = signatures(report).filter((check) => check.verdict === "failed");
    expect(failures.map((check) => check.id)).toEqual([
      "200 success ← valid-login",
      "200 refreshed (POST /auth/refresh) ← issued-refresh-token",
    ]);
    expect(failures[0]?.violations).toEqual([
      `the RS256 signature does not verify against the key "${target?.kid}" of the key set`,
    ]);
    expect(report.ok).toBe(false);
  });

  it("a kid the key set does not name fails, the set's kids listed", async () => {
    const url = rs256.url("talkstack");
    const [target] = await jwksOf(url);
    const jwks = await keySetServer({
      "/jwks.json": {
        body: JSON.stringify({
          keys: [
            { ...target, kid: "retired-key" },
            { ...(await foreignRsaKey()), kid: "other-key" },
          ],
        }),
      },
    });
    const report = await run("talkstack", url, { jwksUrl: `${jwks}/jwks.json`, drive: "data" });
    const failure = signatures(report).find((check) => check.verdict === "failed");
    expect(failure?.violations).toEqual([
      `kid "${target?.kid}" names no key of the key set; its kids: "retired-key", "other-key"`,
    ]);
  });

  it("an alg the key is not for fails", async () => {
    const url = rs256.url("talkstack");
    const [target] = await jwksOf(url);
    const [ecKey] = await jwksOf(es256.url("talkstack"));
    const jwks = await keySetServer({
      "/jwks.json": { body: JSON.stringify({ keys: [{ ...ecKey, kid: target?.kid }] }) },
    });
    const report = await run("talkstack", url, { jwksUrl: `${jwks}/jwks.json`, drive: "data" });
    const failure = signatures(report).find((check) => check.verdict === "failed");
    expect(failure?.violations).toEqual([
      `alg is RS256, but the key "${target?.kid}" of the key set is for ES256`,
    ]);
  });

  it("a key the set marks for encryption, not signatures, fails", async () => {
    const url = rs256.url("talkstack");
    const [target] = await jwksOf(url);
    const jwks = await keySetServer({
      "/jwks.json": { body: JSON.stringify({ keys: [{ ...target, use: "enc" }] }) },
    });
    const report = await run("talkstack", url, { jwksUrl: `${jwks}/jwks.json`, drive: "data" });
    const failure = signatures(report).find((check) => check.verdict === "failed");
    expect(failure?.violations?.[0]).toContain('is for use "enc", not "sig"');
  });

  it("an HS256 token and the wrong --jwt-secret fail, and the secret is never printed", async () => {
    const secret = "not-the-target-secret-4821";
    const report = await run("talkstack", hs256.url("talkstack"), {
      jwtSecret: secret,
      drive: "data",
    });
    const failures = signatures(report).filter((check) => check.verdict === "failed");
    expect(failures.map((check) => check.violations)).toEqual([
      ["the HS256 signature does not verify against --jwt-secret"],
      ["the HS256 signature does not verify against --jwt-secret"],
    ]);
    expect(printed(report)).not.toContain(secret);
    expect(printed(report)).toContain("jwt-signature");
  });

  it("a refresh whose new token is signed with another secret fails on the refresh alone", async () => {
    const upstream = hs256.url("talkstack");
    // A proxy that re-signs the refresh's token with a secret of its own.
    const url = await listen(
      createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers))
          if (typeof value === "string" && !["host", "content-length", "connection"].includes(name))
            headers[name] = value;
        const reply = await fetch(`${upstream}${request.url}`, {
          method: request.method ?? "POST",
          headers,
          body: Buffer.concat(chunks),
        });
        let body = await reply.text();
        if (request.url === "/auth/refresh" && reply.status === 200) {
          const json = JSON.parse(body) as { token: string };
          const [header, payload] = json.token.split(".");
          const signature = createHmac("sha256", "a-secret-of-its-own")
            .update(`${header}.${payload}`)
            .digest("base64url");
          body = JSON.stringify({ ...json, token: `${header}.${payload}.${signature}` });
        }
        response.writeHead(reply.status, {
          "content-type": reply.headers.get("content-type") ?? "application/json",
        });
        response.end(body);
      }),
    );
    const report = await run("talkstack", url, { jwtSecret: DEMO_SECRET, drive: "data" });
    expect(verified(report)).toEqual(["200 success ← valid-login"]);
    const failures = signatures(report).filter((check) => check.verdict === "failed");
    expect(failures.map((check) => check.id)).toEqual([
      "200 refreshed (POST /auth/refresh) ← issued-refresh-token",
    ]);
  });
});

describe("a key set that cannot be used", () => {
  const big = JSON.stringify({ keys: [{ kty: "RSA", n: "x".repeat(2 * 1024 * 1024), e: "AQAB" }] });

  it.each([
    {
      path: "/html",
      route: { type: "text/html", body: "<h1>Keys</h1>" },
      says: "is not JSON (13 bytes)",
    },
    { path: "/no-keys-array", route: { body: '{"keys":"none"}' }, says: "has no `keys` array" },
    { path: "/empty", route: { body: '{"keys":[]}' }, says: "has no keys" },
    {
      path: "/private",
      route: {
        body: JSON.stringify({
          keys: [{ kty: "RSA", kid: "k1", n: "AQAB", e: "AQAB", d: "AQAB" }],
        }),
      },
      says: 'publishes the private or shared part (`d`) of its key "k1": a key set holds public keys only',
    },
    { path: "/gone", route: { status: 404, body: "{}" }, says: "answered 404, not 200" },
    { path: "/big", route: { body: big }, says: "the body is over 1 MiB", check: "reply-limits" },
  ])(
    "$path: one failed line that says why; no token is judged by it",
    async ({ path, route, says, check }) => {
      const jwks = await keySetServer({ [path]: route });
      const url = rs256.url("seamless");
      const report = await run("seamless", url, { jwksUrl: `${jwks}${path}`, drive: "data" });
      const keySet = keySetResult(report);
      expect(keySet.id).toBe(`key set ${jwks}${path}`);
      expect(keySet.outcome).toBe("failed");
      expect(keySet.checks).toMatchObject([
        {
          name: check ?? "jwt-signature",
          verdict: "failed",
          violations: [expect.stringContaining(says)],
        },
      ]);
      expect(formatCaseResult(keySet)).toMatch(/^ {2}✗ key set /);
      // The tokens are not judged by a key set that cannot be used.
      expect(
        signatures(report)
          .filter((c) => c.id !== keySet.id)
          .map((c) => c.verdict),
      ).not.toContain("failed");
      expect(report.coverage.at(-1)).toMatchObject({ example: "key set", outcome: "failed" });
      expect(report.ok).toBe(false);
      expect(contractExitCode(report)).toBe(1);
    },
  );

  it("one that is not there: a network error, not a crash, and exit 3", async () => {
    const closed = await keySetServer({});
    const server = servers.pop() as Server;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const report = await run("seamless", rs256.url("seamless"), {
      jwksUrl: `${closed}/jwks.json`,
      drive: "data",
    });
    expect(keySetResult(report)).toMatchObject({
      outcome: "network-error",
      reason: `no key set from ${closed}/jwks.json (ECONNREFUSED); check --jwks-url and that it is up`,
    });
    expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(contractExitCode(report)).toBe(3);
  });
});

describe("the CLI", () => {
  it("lists the new flags in --help, with their environment variables", () => {
    const { stdout } = runCli(["contract", "--help"]);
    expect(stdout).toMatch(/--jwks-url URL .*\[env CONTRACT_JWKS_URL\]/);
    expect(stdout).toMatch(/--jwt-secret SECRET .*\[env CONTRACT_JWT_SECRET\]/);
    expect(stdout).toMatch(
      /--require-session-operations .*\[env CONTRACT_REQUIRE_SESSION_OPERATIONS\]/,
    );
    expect(stdout).toMatch(/--skip-check NAMES .*jwt-signature/);
  });

  it("refuses a --jwks-url that is not http(s), exit 2", () => {
    const result = runCli([
      "contract",
      "talkstack",
      "--base-url",
      "http://127.0.0.1:9",
      "--jwks-url",
      "file:///etc/passwd",
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--jwks-url "file:///etc/passwd" is not valid; accepted: an http:// or https:// URL',
    );
  });

  it("verifies by CONTRACT_JWT_SECRET and never prints it", async () => {
    const secret = "cli-wrong-secret-7731";
    const env = { CONTRACT_IDENTITY: "example@host.com", CONTRACT_SECRET: "XXXXXXXXXX" };
    const args = [
      "contract",
      "talkstack",
      "--base-url",
      hs256.url("talkstack"),
      "--fuzz-runs",
      "0",
    ];
    const good = await runCliAsync(args, { ...env, CONTRACT_JWT_SECRET: DEMO_SECRET });
    expect(good.code, good.output).toBe(0);
    expect(good.output).not.toContain(DEMO_SECRET);
    const bad = await runCliAsync(args, { ...env, CONTRACT_JWT_SECRET: secret });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("the HS256 signature does not verify against --jwt-secret");
    expect(bad.output).not.toContain(secret);
  }, 60_000);
});
