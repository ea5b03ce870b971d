/** The coverage table as Markdown, ready for `$GITHUB_STEP_SUMMARY`. */
import type { ContractReport } from "../contract-run.ts";
import { formatHeadline } from "./console.ts";

const ICON: Record<string, string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  unreachable: "➖ unreachable",
  skipped: "⏭️ skipped",
  "network-error": "⚠️ network error",
};

export function toMarkdownSummary(reports: readonly ContractReport[]): string {
  return reports
    .map((report) => {
      const cell = (value: string) => value.replaceAll("|", "\\|").replaceAll("\n", " ");
      const rows = report.coverage.map(
        (row) =>
          `| ${row.status} | \`${row.example}\`${row.operation ? ` (${row.operation})` : ""} | ${ICON[row.outcome] ?? row.outcome} | ${cell(row.detail)} |`,
      );
      const failures = report.results
        .filter((r) => r.outcome === "failed")
        .flatMap((r) => [
          `- **${cell(r.id)}**: ${cell(formatHeadline(r))}`,
          ...r.checks
            .filter((c) => c.verdict === "failed")
            .flatMap((c) => c.violations.map((v) => `  - \`${c.name}\`: ${cell(v)}`)),
        ]);
      return [
        `### Contract: ${report.variant} at ${report.baseUrl} — ${report.ok ? "holds" : "broken"}`,
        "",
        `${report.requests} requests · Prefer ${report.preferHonoured ? "honoured" : "not honoured"} · negative phase seed ${report.fuzz.seed}, ${report.fuzz.runs} bodies${report.skippedChecks.length ? ` · checks skipped: ${report.skippedChecks.join(", ")}` : ""}`,
        "",
        ...(report.blocked ? [cell(report.blocked.line), ""] : []),
        "| status | response | result | detail |",
        "| --- | --- | --- | --- |",
        ...rows,
        ...(failures.length ? ["", "Failures:", "", ...failures] : []),
        "",
      ].join("\n");
    })
    .join("\n");
}
