/**
 * `npm run bench:profile`: where one server's CPU goes under load. Starts login-mock (or the
 * ceiling) with `node --cpu-prof`, pinned to its own core as in bench/run.ts, warms it up,
 * loads one path with autocannon, stops it, and prints the CPU µs per request and the
 * profile's heaviest functions and files by self time. The .cpuprofile stays in bench/profiles/
 * (open it in Chrome DevTools → Performance, or VS Code).
 *
 *   npm run bench:profile                              # login-mock, success path, 8 s
 *   npm run bench:profile -- --target ceiling --path error --duration 5
 *   npm run bench:profile -- --no-profile              # CPU µs/request only, no profiler
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../server/free-port.ts";
import {
  CPU_SOURCE,
  ceilingTarget,
  loadLogin,
  MOCK_TARGET,
  pinLoadGenerator,
  recordCeilingReplies,
  startTarget,
  stopTarget,
} from "./load-target.ts";
import { ERROR_BODY, SUCCESS_BODY } from "./login-bodies.ts";

const { values } = parseArgs({
  options: {
    target: { type: "string", default: "login-mock" },
    path: { type: "string", default: "success" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "50" },
    "no-profile": { type: "boolean", default: false },
    top: { type: "string", default: "30" },
    rate: { type: "string" },
  },
});
if (values.target !== "login-mock" && values.target !== "ceiling")
  throw new Error("--target is login-mock or ceiling");
if (values.path !== "success" && values.path !== "error")
  throw new Error("--path is success or error");
// Bounded: at most 60 s of load.
const DURATION = Math.min(60, Math.max(1, Number(values.duration)));
const profile = !values["no-profile"];
const dir = join("bench", "profiles");

console.log(`[profile] ${pinLoadGenerator()}; CPU from ${CPU_SOURCE}`);
const target =
  values.target === "ceiling"
    ? ceilingTarget(await recordCeilingReplies(await freePort()))
    : MOCK_TARGET;
if (profile) {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.startsWith(values.target)) rmSync(join(dir, file));
}
const flags = profile
  ? [
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-name=${values.target}-${values.path}.cpuprofile`,
    ]
  : [];
const running = await startTarget(target, await freePort(), flags);
const pid = running.child.pid ?? 0;
const body = values.path === "success" ? SUCCESS_BODY : ERROR_BODY;
const load = (duration: number, measured = 0) =>
  loadLogin(running.port, body, {
    duration,
    pid: measured,
    rate: Number(values.rate ?? 0),
    connections: Number(values.connections),
  });
try {
  await load(2);
  const result = await load(DURATION, pid);
  console.log(
    `[profile] ${values.target} ${values.path}: ${result.requests} requests, ${Math.round(result.rps)} req/s, ${result.cpuPerRequest.toFixed(1)} µs CPU/request${profile ? " (profiler on: slower than in bench/run.ts)" : ""}, non-2xx ${result.non2xx}`,
  );
} finally {
  await stopTarget(running.child);
}
if (profile) summarise(join(dir, `${values.target}-${values.path}.cpuprofile`), Number(values.top));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function and per file, heaviest first; idle time left out of the shares. */
function summarise(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  for (const [index, id] of profile.samples.entries()) {
    const node = nodes.get(id);
    const us = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === "(idle)") continue;
    busy += us;
    const where = shortUrl(node.callFrame.url);
    const name = `${node.callFrame.functionName || "(anonymous)"}  ${where}${where ? `:${node.callFrame.lineNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(where || "(native)", (byFile.get(where || "(native)") ?? 0) + us);
  }
  const show = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${key}`)
      .join("\n");
  console.log(`\n[profile] ${file}: ${(busy / 1000).toFixed(0)} ms busy (idle left out)`);
  console.log(`Self time by function:\n${show(byFunction, top)}`);
  console.log(`Self time by file:\n${show(byFile, 12)}`);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules\/|dist\/|bench\/)/, "$1");
}
