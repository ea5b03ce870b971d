/**
 * `npm run bench:compare -- <commit> <commit> …`: the same measures as bench/run.ts for several
 * builds of login-mock, side by side, so a change's effect is measured against the build before
 * it in one sitting on one machine. Each commit is checked out into a temporary git worktree
 * (this checkout's node_modules linked in) and built; the ceiling comes first. Then, in rounds,
 * every server in turn: cold start (spawn → first 200), the success path at full load and at a
 * fixed 5,000 req/s, the error path at full load; CPU µs per request from /proc/<pid>/stat;
 * RSS after the loads. Servers are pinned as in bench/run.ts and stopped by PID; the worktrees
 * are removed at the end.
 *
 *   npm run bench:compare -- 80280cc HEAD                # before and after
 *   npm run bench:compare -- --rounds 5 --duration 5 80280cc 459dd6f HEAD
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../server/free-port.ts";
import {
  ceilingTarget,
  loadLogin,
  mockTarget,
  NODE,
  pinLoadGenerator,
  recordCeilingReplies,
  rssMb,
  startTarget,
  stopTarget,
  type Target,
} from "./load-target.ts";
import { ERROR_BODY, SUCCESS_BODY } from "./login-bodies.ts";
import { median, spread } from "./stats.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    rate: { type: "string", default: "5000" },
  },
});
if (positionals.length === 0) throw new Error("name one or more commits: bench:compare -- A B");
// Bounded: at most 10 rounds of at most 30 s per load.
const ROUNDS = Math.min(10, Math.max(1, Number(values.rounds)));
const DURATION = Math.min(30, Math.max(1, Number(values.duration)));
const RATE = Number(values.rate);
const ROOT = resolve(".");

console.log(`[compare] ${pinLoadGenerator()}`);
const scratch = mkdtempSync(join(tmpdir(), "login-mock-compare-"));
const builds: { label: string; dir: string }[] = [];
try {
  for (const commit of positionals) {
    const sha = execFileSync("git", ["rev-parse", "--short", commit], { encoding: "utf8" }).trim();
    const dir = join(scratch, sha);
    execFileSync("git", ["worktree", "add", "--detach", dir, sha], { stdio: "ignore" });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    execFileSync(NODE, [join(ROOT, "node_modules/tsdown/dist/run.mjs")], {
      cwd: dir,
      stdio: "ignore",
    });
    builds.push({ label: `${commit} (${sha})`, dir });
    console.log(`[compare] built ${commit} (${sha})`);
  }
  const targets: Target[] = [
    ceilingTarget(await recordCeilingReplies(await freePort())),
    ...builds.map(({ label, dir }) => mockTarget(join(dir, "dist/cli/cli.js"), label)),
  ];
  const figures = targets.map(() => ({
    cold: [] as number[],
    success: [] as number[],
    successRps: [] as number[],
    fixed: [] as number[],
    error: [] as number[],
    rss: [] as number[],
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of targets.entries()) {
      const row = figures[index];
      if (!row) continue;
      const running = await startTarget(target, await freePort());
      try {
        const pid = running.child.pid ?? 0;
        row.cold.push(running.ms);
        const load = (body: string, duration: number, rate = 0) =>
          loadLogin(running.port, body, { duration, pid, rate });
        await load(SUCCESS_BODY, 2);
        const success = await load(SUCCESS_BODY, DURATION);
        row.success.push(success.cpuPerRequest);
        row.successRps.push(success.rps);
        row.fixed.push((await load(SUCCESS_BODY, DURATION, RATE)).cpuPerRequest);
        row.error.push((await load(ERROR_BODY, DURATION)).cpuPerRequest);
        row.rss.push(rssMb(pid));
      } finally {
        await stopTarget(running.child);
      }
    }
    console.log(`[compare] round ${round + 1}/${ROUNDS} done`);
  }
  const base = figures[0];
  if (!base) throw new Error("no ceiling measured");
  // Ratios per round against the ceiling of the same round, then their median and spread.
  const against = (mine: number[], theirs: number[]) =>
    spread(
      mine.map((value, round) => value / (theirs[round] ?? value)),
      2,
      "x",
    );
  console.log(
    `\n| build | success CPU µs/req | × ceiling | success req/s | at ${RATE} req/s CPU µs/req | × ceiling | error CPU µs/req | × ceiling | cold start ms | × ceiling | RSS MB | × ceiling |`,
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [index, target] of targets.entries()) {
    const row = figures[index];
    if (!row) continue;
    console.log(
      `| ${[
        target.name,
        spread(row.success, 1),
        against(row.success, base.success),
        Math.round(median(row.successRps)),
        spread(row.fixed, 1),
        against(row.fixed, base.fixed),
        spread(row.error, 1),
        against(row.error, base.error),
        Math.round(median(row.cold)),
        against(row.cold, base.cold),
        median(row.rss).toFixed(1),
        against(row.rss, base.rss),
      ].join(" | ")} |`,
    );
  }
  console.log(
    `\nMedians over ${ROUNDS} round(s), (min–max); × ceiling is per round, then the median. ${DURATION} s per load, -c 50.`,
  );
} finally {
  for (const { dir } of builds) {
    try {
      execFileSync("git", ["worktree", "remove", "--force", dir], { stdio: "ignore" });
    } catch {
      // Already gone.
    }
  }
  rmSync(scratch, { recursive: true, force: true });
}
