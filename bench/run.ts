/**
 * `npm run bench`: the mock server against a bare node:http ceiling and against Prism, in one
 * run on this machine. For each: cold start (spawn → first 200), then autocannon (-c 50, -d 10
 * by default) on the success path and on one error path, then RSS after the load. Prints a
 * table with ratios against the ceiling. Each server gets 2 s of unmeasured warm-up load first. Servers bind to 127.0.0.1 and are stopped by PID.
 *
 *   npm run bench                 # full run, ~1.5 minutes
 *   npm run bench -- --rounds 3   # three interleaved rounds, medians: steadier, ~4 minutes
 *   npm run bench -- --duration 3 # quicker, noisier
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { prismMockArgs, prismScript } from "../cli/prism.ts";
import { listResponseExamples } from "../openapi/examples.ts";
import { loadDocument } from "../openapi/load.ts";
import { freePort } from "../server/free-port.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "1" },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Math.max(1, Number(values.rounds));
const NODE = process.execPath;

interface Target {
  readonly name: string;
  readonly command: (port: number) => string[];
  readonly env?: Record<string, string>;
}

// The ceiling answers the spec's own success example with a cookie as long as the mock's, so
// both send about the same bytes (the table prints each one's body size to show it).
const successExample = listResponseExamples(await loadDocument("seamless")).find(
  (example) => example.name === "success",
);
if (!successExample) throw new Error("openapi/seamless.yaml has no `success` example");
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const sampleJwt = [
  base64url({ alg: "HS256", typ: "JWT" }),
  base64url({ email: "user@example.com", sub: "5b8cac312024fc01fc45a4cf", iat: 1e9, exp: 1e9 }),
  "x".repeat(43),
].join(".");

const TARGETS: Target[] = [
  {
    name: "ceiling (bare node:http)",
    command: (port) => [NODE, "bench/ceiling-server.mjs", String(port)],
    env: {
      CEILING_BODY: JSON.stringify(successExample.value),
      CEILING_COOKIE: `token=${sampleJwt}; Max-Age=86400; Path=/; HttpOnly; Secure; SameSite=None`,
    },
  },
  {
    name: "login-mock",
    command: (port) => [
      NODE,
      "dist/cli/cli.js",
      "serve",
      "--variant",
      "seamless",
      "--port",
      String(port),
      "--log",
      "off",
    ],
  },
  {
    name: "prism mock",
    command: (port) => [NODE, prismScript(), ...prismMockArgs("openapi/seamless.yaml", port)],
  },
];

const SUCCESS_BODY = JSON.stringify({
  email: "user@example.com",
  password: "securePassword123",
  recaptchaVal: "bench",
});
const ERROR_BODY = JSON.stringify({ email: "user@example.com" });

async function coldStart(
  target: Target,
  port: number,
): Promise<{ child: ChildProcess; ms: number; bytes: number; port: number }> {
  const [command, ...args] = target.command(port);
  const started = performance.now();
  const child = spawn(command ?? NODE, args, {
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

async function load(port: number, body: string, duration = DURATION) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/auth/login`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: CONNECTIONS,
    duration,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });
}

type Load = Awaited<ReturnType<typeof load>>;
const rows: {
  name: string;
  coldMs: number;
  bytes: number;
  success: Load;
  error: Load;
  rss: number;
}[] = [];
console.log(
  `[bench] node ${process.version}, ${DURATION} s per load, ${CONNECTIONS} connections, ${ROUNDS} round(s)`,
);

// Cold start is the median of three spawns (the first also fills V8's compile cache, as a
// developer's first `npm start` does); the last server of each stays up, idle, for the loads.
const servers: {
  target: Target;
  running: Awaited<ReturnType<typeof coldStart>>;
  coldMs: number;
}[] = [];
try {
  for (const target of TARGETS) {
    const starts: number[] = [];
    let running: Awaited<ReturnType<typeof coldStart>> | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (running) await stop(running.child);
      running = await coldStart(target, await freePort());
      starts.push(running.ms);
    }
    if (!running) throw new Error("no server started");
    servers.push({ target, running, coldMs: median(starts) });
  }
  // Two seconds of discarded load each, so every server is measured with its JIT warm.
  for (const { running } of servers) await load(running.port, SUCCESS_BODY, 2);
  // Rounds take turns (ceiling, mock, Prism, ceiling, …) so that drift in this machine's speed
  // falls on all three alike; each figure is the median over the rounds.
  const results = servers.map(() => ({ success: [] as Load[], error: [] as Load[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, { running }] of servers.entries()) {
      results[index]?.success.push(await load(running.port, SUCCESS_BODY));
      results[index]?.error.push(await load(running.port, ERROR_BODY));
    }
    console.log(`[bench] round ${round + 1}/${ROUNDS} done`);
  }
  for (const [index, { target, running, coldMs }] of servers.entries()) {
    const result = results[index];
    if (!result) continue;
    rows.push({
      name: target.name,
      coldMs,
      bytes: running.bytes,
      success: medianLoad(result.success),
      error: medianLoad(result.error),
      rss: rssMb(running.child.pid ?? 0),
    });
  }
  if (ROUNDS > 1) {
    const perRound = (results[1]?.success ?? []).map((load, round) =>
      (load.rps / (results[0]?.success[round]?.rps ?? 1)).toFixed(2),
    );
    console.log(`[bench] login-mock success ratio per round: ${perRound.join(", ")}`);
  }
} finally {
  for (const { running } of servers) await stop(running.child);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medianLoad(loads: readonly Load[]): Load {
  return {
    rps: median(loads.map((l) => l.rps)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    non2xx: Math.max(...loads.map((l) => l.non2xx)),
    errors: Math.max(...loads.map((l) => l.errors)),
  };
}

const ceiling = rows[0];
if (!ceiling) throw new Error("no ceiling measured");
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;
const lines = [
  "| server | body bytes | success req/s | × ceiling | p50 / p99 ms | error req/s | × ceiling | p50 / p99 ms | cold start ms | × ceiling | RSS after load MB | × ceiling |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows
    .map((row) =>
      [
        row.name,
        row.bytes,
        Math.round(row.success.rps),
        ratio(row.success.rps, ceiling.success.rps),
        `${row.success.p50} / ${row.success.p99}`,
        Math.round(row.error.rps),
        ratio(row.error.rps, ceiling.error.rps),
        `${row.error.p50} / ${row.error.p99}`,
        Math.round(row.coldMs),
        ratio(row.coldMs, ceiling.coldMs),
        row.rss.toFixed(1),
        ratio(row.rss, ceiling.rss),
      ].join(" | "),
    )
    .map((line) => `| ${line} |`),
];
console.log(`\n${lines.join("\n")}\n`);
const mock = rows.find((row) => row.name === "login-mock");
if (mock) {
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `Targets: success throughput >= 0.5x ceiling: ${verdict(mock.success.rps >= 0.5 * ceiling.success.rps)}; cold start <= 2x: ${verdict(mock.coldMs <= 2 * ceiling.coldMs)}; RSS <= 1.5x: ${verdict(mock.rss <= 1.5 * ceiling.rss)}`,
  );
  const failures = rows
    .filter((row) => row.success.non2xx > 0 || row.success.errors > 0)
    .map((row) => row.name);
  if (failures.length)
    console.log(`Warning: non-2xx or errors on the success path for ${failures.join(", ")}`);
}
