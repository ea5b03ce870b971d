/**
 * `npm run bench`: the mock server against a bare node:http ceiling and against Prism, in one
 * run on this machine. For each: cold start (spawn → first 200), then autocannon (-c 50, -d 10
 * by default) on the success path and on one error path, then the success path at a fixed
 * 5,000 req/s (FIXED_RATE), then RSS after the load. Around each
 * load the server process's CPU time (user + sys, /proc/<pid>/stat) gives CPU µs per request,
 * a figure the load generator sharing the cores moves far less than req/s. Prints a table with
 * ratios against the ceiling (medians over rounds, min–max spread) and the targets, then an
 * in-process MSW case: our handlers vs a bare `http.post` answering the same bytes (see
 * bench/msw-case.ts), then the per-test-file cost: a fresh process's import of login-mock/node,
 * listen and first login vs a bare msw's (bench/first-login-report.ts). Each server gets 2 s of
 * unmeasured warm-up load first. Servers bind to 127.0.0.1 and are stopped by PID. On Linux
 * with 2+ cores each server runs pinned to the last core and the load generator to the first
 * (bench/load-target.ts), so they never take turns on one core; `npm run bench:profile` shows
 * where one server's CPU goes.
 *
 *   npm run bench                 # full run, ~3 minutes
 *   npm run bench -- --rounds 3   # three interleaved rounds, medians: steadier, ~8 minutes
 *   npm run bench -- --duration 3 # quicker, noisier
 *   npm run bench -- --msw-logins 5000   # logins per MSW batch (default 2000, at most 20000)
 *   npm run bench -- --file-pairs 20     # fresh-process pairs per msw major (default 10, max 100)
 */
import { cpus, platform, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { prismMockArgs, prismScript } from "../cli/prism.ts";
import { freePort } from "../server/free-port.ts";
import { firstLoginReport } from "./first-login-report.ts";
import {
  CPU_SOURCE,
  ceilingTarget,
  loadLogin,
  MOCK_TARGET,
  NODE,
  pinLoadGenerator,
  recordCeilingReplies,
  rssMb,
  startTarget,
  stopTarget,
  type Target,
} from "./load-target.ts";
import { ERROR_BODY, SUCCESS_BODY } from "./login-bodies.ts";
import { mswReport } from "./msw-report.ts";
import { median, ratio, spread } from "./stats.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "1" },
    "msw-logins": { type: "string", default: "2000" },
    "file-pairs": { type: "string", default: "10" },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Math.max(1, Number(values.rounds));
// At most 20,000 logins per MSW batch, so the in-process case stays bounded in time too.
const MSW_LOGINS = Math.min(20_000, Math.max(1, Number(values["msw-logins"])));

/**
 * Requests per second of the fixed-rate load. At full load, a server slower than autocannon
 * also pays for waking it up on every reply (a 50 µs busy-wait added to the ceiling raised its
 * socket-write cost from ~9 to ~27 µs a request), so its CPU/request is inflated by the rig. At
 * a rate every server sustains, all of them are in the same state, and CPU/request is the
 * server's own work.
 */
const FIXED_RATE = 5000;

function load(port: number, body: string, duration = DURATION, pid = 0, rate = 0) {
  return loadLogin(port, body, { duration, pid, rate, connections: CONNECTIONS });
}

type Load = Awaited<ReturnType<typeof load>>;
const pinning = pinLoadGenerator();
console.log(
  `[bench] ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}`,
);
console.log(
  `[bench] node ${process.version}, ${DURATION} s per load, ${CONNECTIONS} connections, ${ROUNDS} round(s); CPU from ${CPU_SOURCE}; ${pinning}`,
);

// Cold start is the median of three spawns (the first also fills V8's compile cache, as a
// developer's first `npm start` does); the last server of each stays up, idle, for the loads.
const servers: {
  target: Target;
  running: Awaited<ReturnType<typeof startTarget>>;
  coldMs: number;
}[] = [];
const rows: {
  name: string;
  coldMs: number;
  bytes: number;
  success: Load[];
  error: Load[];
  fixed: Load[];
  rss: number;
}[] = [];
try {
  // The ceiling sends the mock's own bytes, recorded before anything is measured.
  const targets: Target[] = [
    ceilingTarget(await recordCeilingReplies(await freePort())),
    MOCK_TARGET,
    {
      name: "prism mock",
      command: (port) => [NODE, prismScript(), ...prismMockArgs("openapi/seamless.yaml", port)],
    },
  ];
  for (const target of targets) {
    const starts: number[] = [];
    let running: Awaited<ReturnType<typeof startTarget>> | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (running) await stopTarget(running.child);
      running = await startTarget(target, await freePort());
      starts.push(running.ms);
    }
    if (!running) throw new Error("no server started");
    servers.push({ target, running, coldMs: median(starts) });
  }
  // Two seconds of discarded load each, so every server is measured with its JIT warm.
  for (const { running } of servers) await load(running.port, SUCCESS_BODY, 2);
  // Rounds take turns (ceiling, mock, Prism, ceiling, …) so that drift in this machine's speed
  // falls on all three alike; each figure is the median over the rounds, each ratio the median
  // of the per-round ratios, with their spread (min–max).
  const results = servers.map(() => ({
    success: [] as Load[],
    error: [] as Load[],
    fixed: [] as Load[],
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, { running }] of servers.entries()) {
      const pid = running.child.pid ?? 0;
      results[index]?.success.push(await load(running.port, SUCCESS_BODY, DURATION, pid));
      results[index]?.error.push(await load(running.port, ERROR_BODY, DURATION, pid));
      // Prism cannot reach the rate (~3,000 req/s at most here): no fixed-rate figure for it.
      if (!servers[index]?.target.name.startsWith("prism"))
        results[index]?.fixed.push(
          await load(running.port, SUCCESS_BODY, DURATION, pid, FIXED_RATE),
        );
    }
    const base = results[0];
    console.log(`[bench] round ${round + 1}/${ROUNDS}:`);
    for (const [index, { target }] of servers.entries()) {
      const s = results[index]?.success[round];
      const e = results[index]?.error[round];
      const f = results[index]?.fixed[round];
      const bs = base?.success[round];
      const be = base?.error[round];
      const bf = base?.fixed[round];
      if (!s || !e || !bs || !be || !bf) continue;
      const atRate = f
        ? ` | at ${FIXED_RATE} req/s ${f.cpuPerRequest.toFixed(1)} µs CPU/req (${ratio(f.cpuPerRequest, bf.cpuPerRequest)})`
        : "";
      console.log(
        `  ${target.name.padEnd(26)} success ${Math.round(s.rps)} req/s (${ratio(s.rps, bs.rps)}), ${s.cpuPerRequest.toFixed(1)} µs CPU/req (${ratio(s.cpuPerRequest, bs.cpuPerRequest)}) | error ${Math.round(e.rps)} req/s (${ratio(e.rps, be.rps)}), ${e.cpuPerRequest.toFixed(1)} µs CPU/req (${ratio(e.cpuPerRequest, be.cpuPerRequest)})${atRate}`,
      );
    }
  }
  for (const [index, { target, running, coldMs }] of servers.entries()) {
    const result = results[index];
    if (!result) continue;
    rows.push({
      name: target.name,
      coldMs,
      bytes: running.bytes,
      success: result.success,
      fixed: result.fixed,
      error: result.error,
      rss: rssMb(running.child.pid ?? 0),
    });
  }
} finally {
  for (const { running } of servers) await stopTarget(running.child);
}

/** Per-round ratios of one server's figure to the ceiling's in the same round. */
function roundRatios(loads: readonly Load[], base: readonly Load[], pick: (l: Load) => number) {
  return loads.map((l, round) => pick(l) / pick(base[round] ?? l));
}

const ceiling = rows[0];
if (!ceiling) throw new Error("no ceiling measured");
const rps = (l: Load) => l.rps;
const cpu = (l: Load) => l.cpuPerRequest;
const lines = [
  `| server | body bytes | success req/s | × ceiling | success CPU µs/req | × ceiling | p50 / p99 ms | error req/s | × ceiling | error CPU µs/req | × ceiling | p50 / p99 ms | success CPU µs/req at ${FIXED_RATE} req/s | × ceiling | cold start ms | × ceiling | RSS after load MB | × ceiling |`,
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ...rows
    .map((row) =>
      [
        row.name,
        row.bytes,
        Math.round(median(row.success.map(rps))),
        spread(roundRatios(row.success, ceiling.success, rps), 2, "x"),
        spread(row.success.map(cpu), 1),
        spread(roundRatios(row.success, ceiling.success, cpu), 2, "x"),
        `${median(row.success.map((l) => l.p50))} / ${median(row.success.map((l) => l.p99))}`,
        Math.round(median(row.error.map(rps))),
        spread(roundRatios(row.error, ceiling.error, rps), 2, "x"),
        spread(row.error.map(cpu), 1),
        spread(roundRatios(row.error, ceiling.error, cpu), 2, "x"),
        `${median(row.error.map((l) => l.p50))} / ${median(row.error.map((l) => l.p99))}`,
        row.fixed.length ? spread(row.fixed.map(cpu), 1) : "—",
        row.fixed.length ? spread(roundRatios(row.fixed, ceiling.fixed, cpu), 2, "x") : "—",
        Math.round(row.coldMs),
        ratio(row.coldMs, ceiling.coldMs),
        row.rss.toFixed(1),
        ratio(row.rss, ceiling.rss),
      ].join(" | "),
    )
    .map((line) => `| ${line} |`),
];
console.log(`\n${lines.join("\n")}\n`);
console.log(
  "Figures are medians over the rounds, (min–max) across rounds; × ceiling is the median of the per-round ratios. CPU µs/req = the server process's user + sys CPU during the load / requests completed (load generator excluded).",
);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
const mock = rows.find((row) => row.name === "login-mock");
if (mock) {
  const successCpu = median(roundRatios(mock.success, ceiling.success, cpu));
  const successRps = median(roundRatios(mock.success, ceiling.success, rps));
  const errorCpu = median(roundRatios(mock.error, ceiling.error, cpu));
  const cold = mock.coldMs / ceiling.coldMs;
  const rss = mock.rss / ceiling.rss;
  console.log("Targets (login-mock vs ceiling, medians):");
  console.log(
    `  success CPU/request <= 2.0x: ${successCpu.toFixed(2)}x  ${verdict(successCpu <= 2)}`,
  );
  console.log(
    `  success throughput  >= 0.5x: ${successRps.toFixed(2)}x  ${verdict(successRps >= 0.5)}`,
  );
  console.log(
    `  error CPU/request   <= 1.5x: ${errorCpu.toFixed(2)}x  ${verdict(errorCpu <= 1.5)}`,
  );
  console.log(`  cold start          <= 1.5x: ${cold.toFixed(2)}x  ${verdict(cold <= 1.5)}`);
  console.log(`  RSS after load      <= 1.3x: ${rss.toFixed(2)}x  ${verdict(rss <= 1.3)}`);
  const fixedCpu = median(roundRatios(mock.fixed, ceiling.fixed, cpu));
  console.log(
    `  (not a target) success CPU/request at ${FIXED_RATE} req/s, every server in the same state: ${fixedCpu.toFixed(2)}x`,
  );
  const failures = rows
    .filter((row) => [...row.success, ...row.fixed].some((l) => l.non2xx > 0 || l.errors > 0))
    .map((row) => row.name);
  if (failures.length)
    console.log(`Warning: non-2xx or errors on the success path for ${failures.join(", ")}`);
}

// MSW in-process: our handlers vs a bare http.post answering the same bytes, on msw 3 and on
// msw 2 (bench/msw-report.ts). The HTTP servers above are stopped by now.
const msw = await mswReport({ rounds: ROUNDS, logins: MSW_LOGINS, warmup: 300 });
console.log(`\n${msw.join("\n")}`);

// What every test file pays before its first assertion: import, listen, first login.
const perFile = await firstLoginReport({ pairs: Number(values["file-pairs"]) });
console.log(perFile.join("\n"));
