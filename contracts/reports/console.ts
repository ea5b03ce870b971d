/** Console output: a failing case's checks and diff, and the coverage table at the end. */
import type { CaseResult, ContractReport } from "../contract-run.ts";

export function formatCaseFailure(result: CaseResult): string {
  const lines = [`${result.id}: got ${result.received?.status ?? "no response"}`];
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
