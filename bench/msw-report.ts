/**
 * The in-process MSW case, on each msw major the package supports (peer `^2.15.0 || ^3.0.0`):
 * N sequential logins through msw's `setupServer` + `fetch` with our handlers
 * (`createHandlers(createLoginMock())`) against the same N through a bare `http.post` answering
 * the same bytes (bench/msw-case.ts), target ours / bare CPU <= 1.3x.
 *
 * msw 3 is the `msw` devDependency; msw 2 is the `msw-2` one (an npm alias of msw 2.x), which
 * each msw 2 batch loads through `--import ./bench/msw2-resolve.mjs`: every `msw` and `msw/*`
 * import, ours and msw-case.ts's, resolves there. Each batch reports the msw it loaded (version
 * and folder); a batch that loaded another copy than the one it was run for stops the report.
 *
 * Every batch is a child process of its own (setupServer patches the process's globals). For
 * each major, msw 3 then msw 2, rounds alternate ours/bare, bare/ours, … and the bare case
 * replays the first answer our handlers gave on that same major.
 *
 *   node bench/msw-report.ts                          # 1 round, 2000 logins per batch
 *   node bench/msw-report.ts --rounds 3               # steadier: medians over three rounds
 *   node bench/msw-report.ts --rounds 1 --logins 500  # quicker, noisier
 */
import { execFile } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MSW_COPIES } from "./msw-copies.ts";
import { median, spread } from "./stats.ts";

export interface MswReportOptions {
  /** Rounds per msw major; each round runs one ours batch and one bare batch. */
  readonly rounds: number;
  /** Measured logins per batch (bench/msw-case.ts caps it at 20,000). */
  readonly logins: number;
  /** Unmeasured logins per batch before the measured ones. */
  readonly warmup: number;
}

/** The target: our handlers cost at most 1.3x a bare http.post's CPU time per login. */
const TARGET = 1.3;

const ROOT = join(import.meta.dirname, "..");
const CASE = join(import.meta.dirname, "msw-case.ts");

/** The msw copies measured, in order: the folder under node_modules and the node flags. */
const COPIES = MSW_COPIES;

interface Batch {
  kind: string;
  logins: number;
  ok: number;
  wallMs: number;
  cpuUs: number;
  sample: unknown;
  msw: { version: string; folder: string };
}

type Kind = "ours" | "bare";

function batch(
  options: MswReportOptions,
  flags: readonly string[],
  kind: Kind,
  sample: unknown,
): Promise<Batch> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, CASE, kind, String(options.logins), String(options.warmup)],
      {
        cwd: ROOT,
        env: { ...process.env, MSW_BARE_RESPONSE: sample ? JSON.stringify(sample) : "" },
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout) => {
        if (error) return reject(error);
        const last = stdout.trim().split("\n").at(-1) ?? "";
        resolve(JSON.parse(last) as Batch);
      },
    );
  });
}

/** Whether two folders (relative to the repository) are one: a worktree links node_modules. */
function sameFolder(a: string, b: string): boolean {
  return realpathSync(join(ROOT, a)) === realpathSync(join(ROOT, b));
}

function installedVersion(folder: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, folder, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The report's lines, one block per msw major. */
export async function mswReport(options: MswReportOptions): Promise<string[]> {
  const rounds = Math.max(1, Math.floor(options.rounds));
  const lines: string[] = [];
  for (const copy of COPIES) {
    const version = installedVersion(copy.folder);
    const ours: Batch[] = [];
    const bare: Batch[] = [];
    let sample: unknown;
    for (let round = 0; round < rounds; round++) {
      const order: Kind[] = round % 2 === 0 || !sample ? ["ours", "bare"] : ["bare", "ours"];
      for (const kind of order) {
        const result = await batch(options, copy.flags, kind, sample);
        // Proof of which msw ran: the batch reports the package `msw` resolved to in it.
        if (result.msw.version !== version || !sameFolder(result.msw.folder, copy.folder))
          throw new Error(
            `msw ${copy.msw} batch loaded msw ${result.msw.version} from ${result.msw.folder}, not ${version} from ${copy.folder}`,
          );
        if (kind === "ours") sample ??= result.sample;
        (kind === "ours" ? ours : bare).push(result);
      }
    }
    const msPer = (b: Batch) => b.wallMs / b.logins;
    const cpuMsPer = (b: Batch) => b.cpuUs / 1000 / b.logins;
    const wallRatios = ours.map((b, i) => msPer(b) / msPer(bare[i] ?? b));
    const cpuRatios = ours.map((b, i) => cpuMsPer(b) / cpuMsPer(bare[i] ?? b));
    // Judged on CPU, as the HTTP case is: wall time also counts whatever else the cores did.
    const met = median(cpuRatios) <= TARGET;
    const logins = ours[0]?.logins ?? options.logins;
    lines.push(
      `MSW ${version} in-process (${copy.folder}, as each batch reported; setupServer + fetch; ${logins} sequential logins per batch after ${options.warmup} warm-up; one child process per batch; ${rounds} round(s), alternating):`,
      `  ours (createHandlers)       ${spread(ours.map(msPer), 3)} ms/login wall, ${spread(ours.map(cpuMsPer), 3)} ms CPU/login`,
      `  bare http.post, same bytes  ${spread(bare.map(msPer), 3)} ms/login wall, ${spread(bare.map(cpuMsPer), 3)} ms CPU/login`,
      `  ours / bare                 wall ${spread(wallRatios, 2, "x")}, CPU ${spread(cpuRatios, 2, "x")}; target CPU <= ${TARGET}x: ${met ? "met" : "NOT met"}`,
    );
    const notOk = [...ours, ...bare].filter((b) => b.ok !== b.logins);
    if (notOk.length) lines.push(`  Warning: ${notOk.length} batch(es) had non-200 answers`);
  }
  return lines;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "1" },
      logins: { type: "string", default: "2000" },
      warmup: { type: "string", default: "300" },
    },
  });
  const lines = await mswReport({
    rounds: Math.max(1, Number(values.rounds)),
    logins: Math.min(20_000, Math.max(1, Number(values.logins))),
    warmup: Math.min(20_000, Math.max(0, Number(values.warmup))),
  });
  console.log(lines.join("\n"));
}
