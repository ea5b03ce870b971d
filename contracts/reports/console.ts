/**
 * Console output of a contract run: a line per case as it finishes (a failure with its checks,
 * Ajv paths and redacted diff), the --require-all verdict, a tally, and the coverage table.
 * Everything here prints text the run has already redacted.
 */

import type { CaseResult, ContractReport, ContractRun } from "../contract-run.ts";
import type { ContractOptions } from "../options.ts";
import { displayUrl } from "../redact.ts";
import { type Paint, PLAIN } from "./colour.ts";

/** The checks a case failed, each violation under it, then the body diff; plain text (JUnit too). */
export function formatCaseFailure(result: CaseResult): string {
  // The negative phase sends many bodies, so it has no single status to show.
  const lines = [result.received ? `${result.id}: got ${result.received.status}` : result.id];
  for (const check of result.checks) {
    if (check.verdict !== "failed") continue;
    lines.push(`  ✗ ${check.name}`);
    for (const violation of check.violations) lines.push(`      ${violation}`);
  }
  if (result.diff?.length) {
    lines.push("  body vs the documented example (values redacted):");
    for (const line of result.diff) lines.push(`      ${line}`);
  }
  return lines.join("\n");
}

/** The first lines of a run: what is checked, and how the target will be driven. */
export function formatRunHeading(options: ContractOptions): string {
  return `Contract check: ${options.variant} POST /auth/login at ${displayUrl(options.baseUrl)}`;
}

export function formatRunPlan(options: ContractOptions, run: ContractRun): string {
  const prefer =
    options.drive === "data"
      ? "Prefer: not tried (--drive data)"
      : run.preferHonoured
        ? "Prefer: honoured, so every documented response is also forced with it"
        : "Prefer: ignored by the target, so only data provokes responses";
  const negative =
    options.fuzzRuns > 0 && options.drive !== "prefer"
      ? `, then ${options.fuzzRuns} generated invalid bodies (seed ${options.fuzzSeed})`
      : "";
  return `${prefer}. ${run.cases.length} cases${negative}.`;
}

const SYMBOL: Record<string, string> = { skipped: "○", unreachable: "–" };

/** One finished case: a line when it passed or was not run, the full failure when it failed. */
export function formatCaseResult(result: CaseResult, paint: Paint = PLAIN): string {
  switch (result.outcome) {
    case "passed": {
      const got = result.received
        ? ` ${paint.dim(`(${result.received.status}, ${result.received.ms} ms)`)}`
        : "";
      return `  ${paint.pass("✓")} ${result.id}${got}`;
    }
    case "failed": {
      const [first = "", ...rest] = formatCaseFailure(result).split("\n");
      return [`  ${paint.fail(`✗ ${first}`)}`, ...rest.map((line) => `  ${line}`)].join("\n");
    }
    case "network-error":
      return `  ${paint.fail("!")} ${result.id}: ${paint.fail(`network error: ${result.reason ?? ""}`)}`;
    default:
      return `  ${paint.note(SYMBOL[result.outcome] ?? "○")} ${result.id} ${paint.dim(`[${result.outcome}: ${result.reason ?? ""}]`)}`;
  }
}

/** The --require-all verdict: which reachable documented responses no case exercised. */
export function formatRequireAll(report: ContractReport, paint: Paint = PLAIN): string {
  if (!report.unexercised.length)
    return `  ${paint.pass("✓")} every reachable documented response was exercised (--require-all)`;
  return [
    `  ${paint.fail("✗ --require-all: these reachable documented responses were not exercised:")}`,
    ...report.unexercised.map((line) => `      ${line}`),
  ].join("\n");
}

/** `14 passed, 1 failed, 2 skipped · 31 requests in 1.4 s` */
export function formatTally(report: ContractReport, elapsedMs: number): string {
  const counts = ["passed", "failed", "network-error", "skipped", "unreachable"]
    .map(
      (outcome) => [outcome, report.results.filter((r) => r.outcome === outcome).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(
      ([outcome, count]) => `${count} ${outcome === "network-error" ? "network errors" : outcome}`,
    );
  return `Cases: ${counts.join(", ")} · ${report.requests} requests in ${(elapsedMs / 1000).toFixed(1)} s`;
}

const MARK: Record<string, string> = {
  passed: "✓ passed",
  failed: "✗ FAILED",
  unreachable: "– unreachable",
  skipped: "○ skipped",
  "network-error": "! network error",
};

export function formatCoverage(report: ContractReport): string {
  const rows = report.coverage.map((row) => [
    String(row.status),
    row.example,
    MARK[row.outcome] ?? row.outcome,
    row.detail,
  ]);
  const widths = [6, 22, 15].map((min, i) =>
    Math.max(min, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const pad = (row: string[]) =>
    row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join("  ");
  const lines = [
    `Contract coverage: ${report.variant} at ${report.baseUrl} (${report.requests} requests; Prefer ${report.preferHonoured ? "honoured" : "not honoured"}; negative phase seed ${report.fuzz.seed})`,
    pad(["status", "response", "result", "detail"]),
    ...rows.map(pad),
  ];
  if (report.skippedChecks.length)
    lines.push(`Checks skipped by --skip-check: ${report.skippedChecks.join(", ")}`);
  if (report.unexercised.length)
    lines.push(`--require-all: not exercised: ${report.unexercised.join("; ")}`);
  lines.push(
    report.ok ? "Contract holds." : "Contract broken or not exercised: see the failures above.",
  );
  return lines.join("\n");
}
