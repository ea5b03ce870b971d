/**
 * The per-test-file cost: what every test file pays before its first assertion, since Vitest
 * and Jest give each file a fresh module graph. One fresh process per sample
 * (bench/first-login-case.ts): import `login-mock/node` (the built package), `server.listen()`,
 * one Seamless login; against a bare msw with one `http.post` answering the same bytes, on
 * msw 3 and on msw 2 (bench/msw2-resolve.mjs). Samples alternate ours/bare, bare/ours, …;
 * the ratio is taken per pair and judged on the median of the CPU ratios (target <= 1.3x), as
 * the other MSW figures are: on a shared machine wall time also counts whatever else the cores
 * did. Wall and CPU are both counted from the case file's first line, so Node's own start (the
 * same for both) is left out. Needs `npm run build` first (npm run bench does it).
 *
 *   node bench/first-login-report.ts               # 10 pairs per msw major
 *   node bench/first-login-report.ts --pairs 20    # steadier
 */
import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MSW_COPIES } from "./msw-copies.ts";
import { median, spread } from "./stats.ts";

/** The target: import → listen → first login at most 1.3x a bare msw's. */
const TARGET = 1.3;

const ROOT = join(import.meta.dirname, "..");
const CASE = join(import.meta.dirname, "first-login-case.ts");

/** The msw copies measured, in order: the folder under node_modules and the node flags. */
const COPIES = MSW_COPIES;

type Phase = "import" | "listen" | "login";
type Figure = "wallMs" | "cpuMs";
const PHASES: readonly Phase[] = ["import", "listen", "login"];

interface Run {
  kind: "ours" | "bare";
  phases: Record<Phase, { wallMs: number; cpuMs: number }>;
  sample: unknown;
  msw: { version: string; folder: string };
}

function run(flags: readonly string[], kind: Run["kind"], sample: unknown): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, CASE, kind],
      {
        cwd: ROOT,
        env: { ...process.env, MSW_BARE_RESPONSE: sample ? JSON.stringify(sample) : "" },
        timeout: 60_000,
      },
      (error, stdout) => {
        if (error) return reject(error);
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Run);
      },
    );
  });
}

/** The run, once it proves it loaded `copy`: each reports the package `msw` resolved to in it. */
function checked(copy: (typeof COPIES)[number], result: Run): Run {
  if (realpathSync(join(ROOT, result.msw.folder)) !== realpathSync(join(ROOT, copy.folder)))
    throw new Error(`msw ${copy.msw} run loaded msw from ${result.msw.folder}, not ${copy.folder}`);
  return result;
}

/** The report's lines, one block per msw major. */
export async function firstLoginReport(options: { pairs: number }): Promise<string[]> {
  const pairs = Math.min(100, Math.max(1, Math.floor(options.pairs)));
  const lines: string[] = [];
  for (const copy of COPIES) {
    // One unmeasured run: our first reply, for the bare case to replay; and a warm disk cache.
    const first = checked(copy, await run(copy.flags, "ours", null));
    const ours: Run[] = [];
    const bare: Run[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const order: Run["kind"][] = pair % 2 === 0 ? ["ours", "bare"] : ["bare", "ours"];
      for (const kind of order) {
        const result = checked(copy, await run(copy.flags, kind, first.sample));
        (kind === "ours" ? ours : bare).push(result);
      }
    }
    const at = (r: Run, phase: Phase, what: Figure) => r.phases[phase][what];
    const ratios = (what: Figure) =>
      ours.map((o, i) => at(o, "login", what) / at(bare[i] ?? o, "login", what));
    // "154 (149–187) ms wall, 150 (…) ms CPU (CPU at each phase's end: import 95, listen 97, …)"
    const describe = (runs: Run[]) => {
      const total = (what: Figure) =>
        spread(
          runs.map((r) => at(r, "login", what)),
          0,
        );
      const phases = PHASES.map(
        (phase) => `${phase} ${median(runs.map((r) => at(r, phase, "cpuMs"))).toFixed(0)}`,
      );
      return `${total("wallMs")} ms wall, ${total("cpuMs")} ms CPU (CPU at each phase's end: ${phases.join(", ")})`;
    };
    const cpu = ratios("cpuMs");
    const verdict = median(cpu) <= TARGET ? "met" : "NOT met";
    lines.push(
      `Per-test-file cost, msw ${first.msw.version} (${copy.folder}, as each run reported): one fresh process per sample, import → listen → first login, counted from the test file's first line; ${pairs} pair(s), alternating:`,
      `  ours (login-mock/node, server)  ${describe(ours)}`,
      `  bare msw, one http.post         ${describe(bare)}`,
      `  ours / bare                     wall ${spread(ratios("wallMs"), 2, "x")}, CPU ${spread(cpu, 2, "x")}; target CPU <= ${TARGET}x: ${verdict}`,
    );
  }
  return lines;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { pairs: { type: "string", default: "10" } } });
  console.log((await firstLoginReport({ pairs: Number(values.pairs) })).join("\n"));
}
