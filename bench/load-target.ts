/**
 * What bench/run.ts and bench/profile.ts share: the requests they send, how they start a server
 * and wait for its first 200, how they read a process's CPU time and RSS, how they pin work to
 * cores, and the ceiling's replies recorded from login-mock itself.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import autocannon from "autocannon";
import { ERROR_BODY, SUCCESS_BODY } from "./login-bodies.ts";

export const NODE = process.execPath;

export interface Target {
  readonly name: string;
  readonly command: (port: number) => string[];
  readonly env?: Record<string, string>;
}

/** `login-mock serve` (Seamless only, no logging) from the CLI at `cli`. */
export function mockTarget(cli = "dist/cli/cli.js", name = "login-mock"): Target {
  return {
    name,
    command: (port) => [
      NODE,
      cli,
      "serve",
      "--variant",
      "seamless",
      "--port",
      String(port),
      "--log",
      "off",
    ],
  };
}

export const MOCK_TARGET = mockTarget();

/** The ceiling, answering with `replies` (see `recordCeilingReplies`). */
export function ceilingTarget(replies: string): Target {
  return {
    name: "ceiling (bare node:http)",
    command: (port) => [NODE, "bench/ceiling-server.mjs", String(port)],
    env: { CEILING_REPLIES: replies },
  };
}

/**
 * Servers run on the last core and the load generator on the first, when this machine has two
 * or more and `taskset` exists: the two then stop taking turns on one core, which is most of
 * the noise in req/s on a 2-core machine. Elsewhere nothing is pinned and the figures say so.
 */
export const PINNING = (() => {
  const cores = availableParallelism();
  if (process.platform !== "linux" || cores < 2) return undefined;
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  return { server: String(cores - 1), load: "0" };
})();

/** Pins this process (all its threads: autocannon runs in it) to the load generator's core. */
export function pinLoadGenerator(): string {
  if (!PINNING) return "not pinned (needs Linux, 2+ cores and taskset)";
  execFileSync("taskset", ["-a", "-p", "-c", PINNING.load, String(process.pid)], {
    stdio: "ignore",
  });
  return `servers pinned to core ${PINNING.server}, load generator to core ${PINNING.load}`;
}

/** Spawns `target` (pinned to the server core) and returns once it answers the login with 200. */
export async function startTarget(
  target: Target,
  port: number,
  nodeFlags: readonly string[] = [],
): Promise<{ child: ChildProcess; ms: number; bytes: number; port: number }> {
  const [command = NODE, ...args] = target.command(port);
  const argv = command === NODE ? [command, ...nodeFlags, ...args] : [command, ...args];
  // taskset execs the command, so the child's PID is the server's own.
  const full = PINNING ? ["taskset", "-c", PINNING.server, ...argv] : argv;
  const started = performance.now();
  const child = spawn(full[0] ?? NODE, full.slice(1), {
    stdio: "ignore",
    env: { ...process.env, ...target.env },
  });
  const deadline = started + 30_000;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: SUCCESS_BODY,
      });
      const { byteLength } = await response.arrayBuffer();
      if (response.status === 200)
        return { child, ms: performance.now() - started, bytes: byteLength, port };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  child.kill("SIGKILL");
  throw new Error(`${target.name} did not answer 200 within 30 s`);
}

export function stopTarget(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });
}

// /proc/<pid>/stat counts CPU time in clock ticks; read their length once (100 on Linux/x86).
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export const CPU_SOURCE = `/proc/<pid>/stat (utime + stime, ${CLK_TCK} ticks/s)`;

/** A process's CPU time so far, user + system, in µs: /proc/<pid>/stat fields 14 and 15. */
export function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces: field 3 first.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
  return (ticks * 1e6) / CLK_TCK;
}

export interface LoadResult {
  /** The server's user + sys CPU during the load / requests completed; 0 without a pid. */
  readonly cpuPerRequest: number;
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * One autocannon load on the login at `port` (-c 50 unless told), reading the server's CPU
 * time around it when `pid` is given; `rate` fixes the requests per second (0: as fast as it
 * answers).
 */
export async function loadLogin(
  port: number,
  body: string,
  options: { duration: number; pid?: number; rate?: number; connections?: number },
): Promise<LoadResult> {
  const { pid = 0, rate = 0 } = options;
  const cpuBefore = pid ? cpuUs(pid) : 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/auth/login`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: options.connections ?? 50,
    duration: options.duration,
    ...(rate ? { overallRate: rate } : {}),
  });
  const cpu = pid ? cpuUs(pid) - cpuBefore : 0;
  const requests = result.requests.total;
  return {
    cpuPerRequest: requests > 0 ? cpu / requests : 0,
    requests,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * The ceiling sends the mock's own bytes: one login-mock is spawned, asked the bench's success
 * and error requests, and stopped; the ceiling replays those replies (status, headers with
 * Set-Cookie, body), as JSON for its CEILING_REPLIES — see bench/ceiling-server.mjs.
 */
export async function recordCeilingReplies(port: number): Promise<string> {
  const capture = await startTarget(MOCK_TARGET, port);
  try {
    const reply = async (body: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const skip = new Set(["set-cookie", "content-length", "date", "connection", "keep-alive"]);
      const headers = [...response.headers].filter(([name]) => !skip.has(name));
      for (const cookie of response.headers.getSetCookie()) headers.push(["set-cookie", cookie]);
      return { status: response.status, headers, body: await response.text() };
    };
    return JSON.stringify({
      success: await reply(SUCCESS_BODY),
      error: { request: ERROR_BODY, ...(await reply(ERROR_BODY)) },
    });
  } finally {
    await stopTarget(capture.child);
  }
}
