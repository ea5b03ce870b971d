/**
 * `login-mock contract` against targets that are broken or hostile (issue 23, items 3–5): a
 * 2 GiB body, an endless chunked body, a gzip bomb, 10,000-deep JSON, a server that drips one
 * byte a second, one that never answers, one that refuses, one that dies mid-run. Each run is
 * the real CLI in a child process; each must end well within its bound with the target at fault
 * (exit 1 for a reply over a limit, 3 for no reply or the deadline), the child's peak RSS under
 * 300 MB, and no crash. The bounds are the CLI's own flags, made small (`--timeout 1000`,
 * `--deadline`); the reply size and depth limits keep their defaults (1 MiB, 64 levels).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { jsonTextDepth, MAX_JSON_DEPTH, parseBoundedJson } from "../contracts/bounded-json.ts";
import { MAX_REPLY_BYTES, REPLY_LIMITS_CHECK } from "../contracts/bounded-reply.ts";
import { runContract } from "../contracts/contract-run.ts";
import { diffJson } from "../contracts/json-diff.ts";
import { decodeJwt, JWT_SHAPE } from "../contracts/jwt.ts";
import { createRedactor } from "../contracts/redact.ts";
import { ownServerOptions } from "./support/contract-options.ts";

/** The child's peak resident set, as the acceptance criterion states it. */
const MAX_RSS_BYTES = 300 * 1024 * 1024;
/** A child still running after this is killed and the test fails (a missing bound). */
const CHILD_KILL_MS = 40_000;
/** A child over this resident set is killed at once (the unbounded reader reached 5.9 GB). */
const CHILD_KILL_RSS_BYTES = 1024 * 1024 * 1024;

interface CliRun {
  code: number | null;
  output: string;
  /** The child's peak RSS in bytes, as it reported it when it finished. */
  maxRss: number | undefined;
  ms: number;
  killed: string | undefined;
}

const children = new Set<ChildProcess>();
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/**
 * Runs `login-mock contract` (the sources, as `cli/run.ts` would) in a child that reports its
 * peak RSS on stderr once `main` returns. Killed past CHILD_KILL_MS or CHILD_KILL_RSS_BYTES.
 */
function runContractCli(args: string[]): Promise<CliRun> {
  const script = `
    const { main } = await import(${JSON.stringify(new URL("../cli/main.ts", import.meta.url).href)});
    const code = await main(process.argv.slice(1));
    process.stderr.write("\\n[max-rss] " + process.resourceUsage().maxRSS * 1024 + "\\n");
    process.exitCode = code;
  `;
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", script, "contract", "--variant", "talkstack", ...args],
      { env: { ...process.env, FORCE_COLOR: "0" } },
    );
    children.add(child);
    let output = "";
    let killed: string | undefined;
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    const kill = (why: string) => {
      killed ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(`still running after ${CHILD_KILL_MS} ms`), CHILD_KILL_MS);
    const watch = setInterval(() => {
      const rss = residentBytes(child.pid);
      if (rss !== undefined && rss > CHILD_KILL_RSS_BYTES) kill(`RSS reached ${rss} bytes`);
    }, 100);
    child.on("exit", (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      children.delete(child);
      const reported = /\[max-rss\] (\d+)/.exec(output)?.[1];
      resolve({
        code,
        output: output.replace(/\n?\[max-rss\] \d+\n/, ""),
        maxRss: reported ? Number(reported) : undefined,
        ms: performance.now() - started,
        killed,
      });
    });
  });
}

/** A process's resident set from /proc (Linux); undefined elsewhere or once it has exited. */
function residentBytes(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Every run: finished on its own, under the RSS bound, no crash, the exit code expected. */
function expectBoundedRun(run: CliRun, code: 1 | 3) {
  expect(run.killed, run.output).toBeUndefined();
  expect(run.output).not.toMatch(/RangeError|Maximum call stack|JavaScript heap|\n\s+at \S/);
  expect(run.code, run.output).toBe(code);
  expect(run.maxRss, run.output).toBeDefined();
  expect(run.maxRss ?? Number.POSITIVE_INFINITY).toBeLessThan(MAX_RSS_BYTES);
}

const networkErrorLines = (output: string) =>
  output.split("\n").filter((line) => line.startsWith("  ! "));

/** The whole output of a run the first request stopped: one line, and nothing else printed. */
function expectOneStopLine(run: CliRun, text: string) {
  expect(run.output.trimEnd().split("\n"), run.output).toEqual([expect.stringContaining(text)]);
  expect(run.output).toMatch(/^\[login-mock\] contract: no reply from POST /);
  expect(run.output).toContain("Nothing was checked.");
}

async function listenHttp(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
  const server: HttpServer = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** A raw TCP server: `onSocket` decides what (if anything) the client gets. */
async function listenRaw(onSocket: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    socket.resume(); // read and drop the request
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** Writes `chunk` for as long as the client reads, `limit` bytes at most, never buffering. */
function pour(response: import("node:http").ServerResponse, chunk: Buffer, limit: number) {
  let sent = 0;
  const more = () => {
    while (sent < limit && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", more);
    }
    if (!response.destroyed) response.end();
  };
  response.on("error", () => undefined);
  more();
}

const FAST = ["--timeout", "1000", "--retries", "0", "--fuzz-runs", "3"];
const GIB = 1024 * 1024 * 1024;

describe("contract against a hostile or broken target (CLI, child process)", () => {
  it("cuts a 2 GiB body off at the reply limit: a reply-limits violation, exit 1", async () => {
    const spaces = Buffer.alloc(64 * 1024, 0x20);
    const url = await listenHttp((_request, response) => {
      response.writeHead(400, {
        "content-type": "application/json",
        "content-length": String(2 * GIB),
      });
      pour(response, spaces, 2 * GIB);
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 1);
    expect(run.output).toContain(`✗ ${REPLY_LIMITS_CHECK}`);
    expect(run.output).toContain("the body is over 1 MiB; the harness reads no more");
  }, 60_000);

  it("cuts an endless chunked body off at the reply limit: exit 1", async () => {
    const chunk = Buffer.from(`${"[0,".repeat(4000)}`);
    const url = await listenHttp((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" }); // chunked
      pour(response, chunk, Number.POSITIVE_INFINITY);
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 1);
    expect(run.output).toContain("the body is over 1 MiB; the harness reads no more");
  }, 60_000);

  it("counts a gzip bomb's bytes after decompression: exit 1", async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const url = await listenHttp((_request, response) => {
      response.writeHead(400, { "content-type": "application/json", "content-encoding": "gzip" });
      // 100 GiB of zeros, compressed as it is read: about 100 MiB on the wire if read whole.
      let left = 100 * 1024;
      const source = new Readable({
        read() {
          this.push(left-- > 0 ? zeros : null);
        },
      });
      const gzip = createGzip({ level: 9 });
      response.on("close", () => {
        source.destroy();
        gzip.destroy();
      });
      source.pipe(gzip).pipe(response);
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 1);
    expect(run.output).toContain(
      "the body is over 1 MiB once decoded (Content-Encoding: gzip); the harness reads no more",
    );
  }, 60_000);

  it("refuses 10,000-deep JSON before anything recursive sees it: exit 1", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    let calls = 0;
    const url = await listenHttp((_request, response) => {
      calls += 1;
      response
        .writeHead(calls % 2 ? 400 : 200, { "content-type": "application/json" })
        .end(calls % 2 ? deep : deepObject);
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 1);
    expect(run.output).toContain(
      `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels; the harness reads no deeper`,
    );
  }, 60_000);

  it("gives up on a server that drips its reply a byte a second: no reply in --timeout, exit 3, one line", async () => {
    const reply = "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n\r\n{}";
    const url = await listenRaw((socket) => {
      let at = 0;
      const drip = setInterval(() => {
        if (at >= reply.length || socket.destroyed) return clearInterval(drip);
        socket.write(reply.charAt(at++));
      }, 1000);
      socket.on("close", () => clearInterval(drip));
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 3);
    expectOneStopLine(run, `no reply from POST ${url}/auth/login (nothing came back within 1 s`);
  }, 60_000);

  it("fails a reply whose headers come at once but whose body drips: a violation, exit 1", async () => {
    const url = await listenRaw((socket) => {
      socket.write("HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n");
      socket.write("content-length: 200\r\n\r\n[");
      const drip = setInterval(() => (socket.destroyed ? undefined : socket.write("0,")), 1000);
      socket.on("close", () => clearInterval(drip));
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 1);
    expect(run.output).toContain(
      "the reply was not complete within 1 s (--timeout): its body was still arriving",
    );
    // One case shows it; the run then stops rather than wait on every case in turn.
    expect(run.output.match(/its body was still arriving/g)).toHaveLength(1);
    expect(run.output).toContain("The run stopped: the target has not completed one reply");
  }, 60_000);

  it("gives up on a server that accepts and never answers: exit 3, one line", async () => {
    const url = await listenRaw(() => undefined);
    const run = await runContractCli([
      "--base-url",
      url,
      ...["--timeout", "1000", "--retries", "2", "--fuzz-runs", "3"],
    ]);
    expectBoundedRun(run, 3);
    expectOneStopLine(run, "(nothing came back within 1 s, the --timeout)");
  }, 60_000);

  it("stops a silent server's run at --deadline when that comes before --timeout: exit 3", async () => {
    const url = await listenRaw(() => undefined);
    const run = await runContractCli(["--base-url", url, "--timeout", "60000", "--deadline", "2"]);
    expectBoundedRun(run, 3);
    expectOneStopLine(run, "before the run's deadline of 2 s (--deadline) passed.");
  }, 60_000);

  it("stops at once when the connection is refused: exit 3 and one line, not one per case", async () => {
    const url = await listenRaw(() => undefined);
    await Promise.all(closers.splice(0).map((close) => close())); // the port is now closed
    const run = await runContractCli(["--base-url", url]);
    expectBoundedRun(run, 3);
    expectOneStopLine(
      run,
      `no reply from POST ${url}/auth/login (connection refused: nothing listens on that port).`,
    );
  }, 60_000);

  it("stops after 3 requests in a row get no reply from a target that answered before", async () => {
    let calls = 0;
    const url = await listenRaw((socket) => {
      calls += 1;
      // The first request (the Prefer probe) is answered; every later connection is cut.
      if (calls === 1)
        socket.end(
          "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}",
        );
      else socket.destroy();
    });
    const run = await runContractCli(["--base-url", url, ...FAST]);
    expectBoundedRun(run, 3);
    const lines = networkErrorLines(run.output);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(
      "The run stopped: 3 requests in a row got no complete reply, so nothing more was sent.",
    );
  }, 60_000);
});

describe("reply limits, in process with limits given as options", () => {
  it("takes smaller limits from the options: body size, header count and size", async () => {
    let calls = 0;
    const url = await listenHttp((_request, response) => {
      calls += 1;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (calls % 2) for (let i = 0; i < 150; i++) headers[`x-h${i}`] = "1";
      response.writeHead(400, headers).end(JSON.stringify({ message: "x".repeat(5000) }));
    });
    const report = await runContract(
      ownServerOptions("talkstack", url, {
        fuzzRuns: 1,
        retries: 0,
        timeoutMs: 1000,
        deadlineMs: 20_000,
        replyLimits: { maxBodyBytes: 4096 },
      }),
    );
    const violations = report.results.flatMap((r) =>
      r.checks.filter((c) => c.name === REPLY_LIMITS_CHECK).flatMap((c) => c.violations),
    );
    expect(violations).toContain("the body is over 4 KiB; the harness reads no more");
    expect(violations.some((v) => v.includes("header fields; the harness reads at most 100"))).toBe(
      true,
    );
    expect(report.ok).toBe(false);
  }, 30_000);

  it("reports headers over Node's own limit as the target's fault", async () => {
    const url = await listenRaw((socket) => {
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nx-big: ${"a".repeat(70_000)}\r\ncontent-length: 2\r\n\r\n{}`,
      );
    });
    const report = await runContract(
      ownServerOptions("talkstack", url, { fuzzRuns: 0, retries: 0, timeoutMs: 1000 }),
    );
    const failed = report.results.find((r) => r.outcome === "failed");
    expect(failed?.checks[0]?.violations[0]).toMatch(
      /^the reply's headers are over Node's limit of \d+ KiB/,
    );
  }, 30_000);

  it("keeps the documented defaults", () => {
    expect(MAX_REPLY_BYTES).toBe(1024 * 1024);
    expect(MAX_JSON_DEPTH).toBe(64);
  });
});

describe("walks over a target's data are bounded", () => {
  const deepArray = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

  it("measures depth without recursion, ignoring brackets in strings", () => {
    expect(jsonTextDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonTextDepth(deepArray(1_000_000))).toBe(1_000_000);
    expect(jsonTextDepth(deepArray(1_000_000), 64)).toBe(65);
    expect(parseBoundedJson(deepArray(64))).toMatchObject({ kind: "json" });
    expect(parseBoundedJson(deepArray(65))).toEqual({ kind: "too-deep" });
    expect(parseBoundedJson(`${deepArray(100)}x`)).toEqual({ kind: "not-json" });
  });

  it("decodes a JWT whose header or claims nest 100,000 deep without overflowing", () => {
    const part = (json: string) => Buffer.from(json).toString("base64url");
    const deep = `{"alg":${deepArray(100_000)}}`;
    expect(decodeJwt(`${part(deep)}.${part('{"exp":1}')}.sig`)).toBe(
      "has a header that is not base64url JSON",
    );
    expect(decodeJwt(`${part('{"alg":"HS256"}')}.${part(deep)}.sig`)).toBe(
      "has a payload that is not base64url JSON",
    );
  });

  it("redacts and diffs values nested deeper than the limit without overflowing", () => {
    let value: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) value = [value];
    const redactor = createRedactor();
    expect(() => JSON.stringify(redactor.redactValue(value))).not.toThrow();
    const [line] = diffJson({ a: "x" }, { a: value }, redactor);
    expect(line).toMatch(/^~ \/a: expected string, got array \[\[\[/);
  });

  it("finds JWT-shaped text in linear time (a 1 MiB body of eyJ… is not a ReDoS)", () => {
    const hostile = "eyJ".repeat(MAX_REPLY_BYTES / 3);
    expect(JWT_SHAPE.test(hostile)).toBe(false);
    expect(createRedactor().redact(`${hostile} eyJa.b.c`)).toBe(`${hostile} [redacted jwt]`);
    expect(JWT_SHAPE.test("token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")).toBe(true);
    expect(JWT_SHAPE.test("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")).toBe(false);
  }, 20_000);
});
