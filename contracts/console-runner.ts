/**
 * The contract run as `login-mock contract` shows it, in-process and with no test framework:
 * the probe first, then a heading, each case on one line the moment it finishes (expected vs
 * got), the --require-all verdict and a tally; then each failure in detail, then the coverage
 * table. A target that is not there (or a base URL under which the login is not served) gets
 * one line and nothing else. A plain loop over the engine keeps the command's install small (it
 * runs from a user's node_modules) and its output the same on every CI.
 */
import { type ContractReport, runContract } from "./contract-run.ts";
import type { ContractOptions } from "./options.ts";
import { type Paint, paintFor } from "./reports/colour.ts";
import {
  formatCaseResult,
  formatCoverage,
  formatFailureDetails,
  formatRequireAll,
  formatRunHeading,
  formatRunPlan,
  formatTally,
} from "./reports/console.ts";

export interface ConsoleOutput {
  readonly write: (text: string) => void;
  /** Where the one line of a run stopped before any case goes (standard error). */
  readonly error: (text: string) => void;
  readonly paint: Paint;
}

/**
 * Standard output, coloured only when it is a terminal (see `paintFor`). A reader that goes
 * away (`| head -40`) ends the printing, not the run: the reports and the exit code still come.
 */
function stdoutConsole(): ConsoleOutput {
  let closed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return {
    write: (text) => {
      if (!closed) process.stdout.write(text);
    },
    error: (text) => process.stderr.write(text),
    paint: paintFor(process.stdout),
  };
}

/**
 * Runs the contract against `options.baseUrl`, printing as it goes; resolves to the report the
 * JUnit and Markdown writers take.
 *
 * @example
 * const report = await runInConsole(options);
 * process.exitCode = contractExitCode(report);
 */
export async function runInConsole(
  options: ContractOptions,
  output: ConsoleOutput = stdoutConsole(),
): Promise<ContractReport> {
  const line = (text: string) => output.write(`${text}\n`);
  const started = performance.now();
  const report = await runContract(options, {
    onStart: (run) => {
      line(formatRunHeading(options, run));
      line(formatRunPlan(options, run));
    },
    onResult: (result) => line(formatCaseResult(result, output.paint)),
  });
  if (report.blocked) {
    output.error(`${report.blocked.line}\n`);
    return report;
  }
  if (options.requireAll) line(formatRequireAll(report, output.paint));
  line(formatTally(report, performance.now() - started));
  const details = formatFailureDetails(report.results, output.paint);
  if (details) line(`\nWhat failed, in detail:\n${details}`);
  line(`\n${formatCoverage(report)}`);
  return report;
}

/**
 * 0 the contract holds; 3 the target never answered (a network problem, not a violation);
 * 2 the login is not served under the base URL (the flag is wrong; the probe's line says how);
 * 1 anything else: a violation, nothing exercised, or --require-all unmet.
 */
export function contractExitCode(report: ContractReport): 0 | 1 | 2 | 3 {
  if (report.blocked) return report.blocked.exitCode;
  if (report.ok) return 0;
  const onlyNetwork =
    report.results.every((r) => r.outcome !== "failed") &&
    report.results.some((r) => r.outcome === "network-error");
  return onlyNetwork ? 3 : 1;
}
