/**
 * `login-mock contract` pointed at the wrong place (issue 22, item 3): nothing listening, or a
 * base URL under which the login is not served. The first request finds out, before anything
 * else is printed, and the run stops with one line that says what to do.
 */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpTarget, TransientNetworkError } from "../contracts/http-target.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { runCliAsync } from "./support/spawn-cli.ts";

const opened: Server[] = [];
afterEach(async () => {
  await Promise.all(
    opened.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** A loopback URL nothing listens on: a port just opened and closed again. */
async function closedPort(): Promise<string> {
  const url = await listen(() => undefined);
  const server = opened.pop();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  return url;
}

const contract = (args: string[]) => runCliAsync(["contract", ...args], {});
const lines = (output: string) => output.trimEnd().split("\n");

describe("contract against a target that is not there", () => {
  it("checks once and stops with one line, exit 3, without waiting", async () => {
    const url = await closedPort();
    const started = performance.now();
    const { code, output } = await contract(["--variant", "talkstack", "--base-url", url]);
    const ms = performance.now() - started;
    expect(code, output).toBe(3);
    expect(lines(output)).toEqual([
      `[login-mock] contract: no reply from POST ${url}/auth/login (connection refused: nothing listens on that port). This is a network problem, not a contract violation: check --base-url and that the server is up. Nothing was checked.`,
    ]);
    // The one-line output already proves the run stopped at the first request; this bound only
    // catches a wait or a retry. It includes a Node child's cold start of the TS sources, so it
    // is loose for a loaded CI machine: the built CLI, measured by hand, takes about 0.2 s.
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it("does not retry a refused connection before the target has answered, and does after", async () => {
    const options = { path: "/auth/login", ratePerSecond: 0, timeoutMs: 2000, retries: 2 };
    const never = createHttpTarget({ ...options, baseUrl: await closedPort(), maxRetryAfterMs: 0 });
    const first = await never
      .send({ contentType: "application/json", body: "{}" })
      .catch((error: unknown) => error);
    expect(first).toBeInstanceOf(TransientNetworkError);
    expect(never.sent()).toBe(1);

    // A target that answered once and then went away may be restarting: retried as before.
    const url = await listen((_request, response) => response.end("{}"));
    const gone = createHttpTarget({ ...options, baseUrl: url, maxRetryAfterMs: 0 });
    await gone.send({ contentType: "application/json", body: "{}" });
    const server = opened.pop();
    await new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
    });
    const later = await gone
      .send({ contentType: "application/json", body: "{}" })
      .catch((error: unknown) => error);
    expect(String(later)).toContain("after 3 attempts");
    expect(gone.sent()).toBe(4);
  }, 30_000);
});

describe("contract with a base URL under which the login is not served", () => {
  const servers = useHttpServers();

  it.each(["/auth/login", "/auth/login/"])(
    "says to drop %s when the base URL already ends with the login's path: one line, exit 2",
    async (suffix) => {
      const root = servers.url("talkstack");
      const { code, output } = await contract([
        "--variant",
        "talkstack",
        "--base-url",
        `${root}${suffix}`,
      ]);
      expect(code, output).toBe(2);
      expect(lines(output)).toEqual([
        `[login-mock] contract: --base-url already ends with /auth/login, the login's path, which the harness appends itself: POST ${root}/auth/login/auth/login answered 404. Drop it: --base-url ${root}`,
      ]);
    },
    30_000,
  );

  it("says to check the base URL's path when the login answers 404 under it: one line, exit 2", async () => {
    const root = servers.url("seamless");
    const { code, output } = await contract([
      "--variant",
      "seamless",
      "--base-url",
      `${root}/api/v1`,
    ]);
    expect(code, output).toBe(2);
    expect(lines(output)).toEqual([
      `[login-mock] contract: POST ${root}/api/v1/auth/login answered 404, not a login response the spec documents, so nothing serves the login under the base URL's path /api/v1. The harness appends /auth/login to --base-url: give the API's root (without the path: --base-url ${root}).`,
    ]);
  }, 30_000);

  it("goes on when a path's 404 is a documented login response (talkstack's unknown account)", async () => {
    // A gateway that serves the API under /api: the probe's unknown user gets the spec's 404.
    const root = servers.url("talkstack");
    const url = await listen(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${root}${(request.url ?? "").replace(/^\/api/, "")}`, {
        method: request.method ?? "POST",
        headers: { "content-type": request.headers["content-type"] ?? "application/json" },
        body: Buffer.concat(chunks),
      });
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
    const { code, output } = await contract([
      "--variant",
      "talkstack",
      "--base-url",
      `${url}/api`,
      "--drive",
      "data",
      "--fuzz-runs",
      "0",
    ]);
    expect(output).toMatch(/^Contract check: talkstack POST \/auth\/login at /);
    expect(output).toContain("  ✓ 404 user-not-found ← unknown-account (404,");
    expect(code, output).toBe(0);
  }, 30_000);
});
