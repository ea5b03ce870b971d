/**
 * JUnit XML for CI: a testsuite per run, a testcase per case; failures name the checks that
 * broke, skipped and unreachable cases carry their reason. Everything passes the redactor first.
 */
import type { ContractReport } from "../contract-run.ts";
import { formatCaseFailure } from "./console.ts";

export function toJunitXml(reports: readonly ContractReport[]): string {
  const suites = reports.map((report) => {
    const cases = report.results.map((result) => {
      const name = attr(result.id);
      const classname = attr(`login-mock.contract.${report.variant}`);
      const time = ((result.received?.ms ?? 0) / 1000).toFixed(3);
      const open = `    <testcase classname="${classname}" name="${name}" time="${time}"`;
      switch (result.outcome) {
        case "passed":
          return `${open}/>`;
        case "failed": {
          const checks = result.checks.filter((c) => c.verdict === "failed").map((c) => c.name);
          return `${open}>\n      <failure message="${attr(`failed checks: ${checks.join(", ")}`)}" type="ContractViolation">${text(formatCaseFailure(result))}</failure>\n    </testcase>`;
        }
        case "network-error":
          return `${open}>\n      <error message="${attr(result.reason ?? "")}" type="TransientNetworkError"/>\n    </testcase>`;
        default:
          return `${open}>\n      <skipped message="${attr(`${result.outcome}: ${result.reason ?? ""}`)}"/>\n    </testcase>`;
      }
    });
    // The probe stopped the run: one testcase carries its line, so CI shows why nothing ran.
    if (report.blocked)
      cases.push(
        `    <testcase classname="${attr(`login-mock.contract.${report.variant}`)}" name="${attr(`reach ${report.operation}`)}" time="0.000">\n      <error message="${attr(report.blocked.line)}" type="TargetNotReached"/>\n    </testcase>`,
      );
    const count = (outcome: string) => report.results.filter((r) => r.outcome === outcome).length;
    const skipped = count("skipped") + count("unreachable");
    const errors = count("network-error") + (report.blocked ? 1 : 0);
    return `  <testsuite name="${attr(`contract ${report.variant} ${report.baseUrl}`)}" tests="${cases.length}" failures="${count("failed")}" errors="${errors}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="login-mock contract">\n${suites.join("\n")}\n</testsuites>\n`;
}

function text(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function attr(value: string): string {
  return text(value).replaceAll('"', "&quot;").replaceAll("\n", "&#10;");
}
