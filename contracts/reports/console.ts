/**
 * Console output of a contract run. Each case is one line as it finishes: what was expected and
 * what came back. The details a developer fixes the target from (each failed check in words,
 * the body beside the spec's example) come after every case, once per distinct failure: cases
 * that got the same reply and failed the same way share one entry. Then the tally and the
 * coverage table. Everything here prints text the run has already redacted.
 */

import type { CaseResult, ContractReport, ContractRun } from "../contract-run.ts";
import { rowName } from "../coverage.ts";
import type { ContractOptions } from "../options.ts";
import { displayUrl } from "../redact.ts";
import { listWords } from "../schema-words.ts";
import { type Paint, PLAIN } from "./colour.ts";

/** Checks whose failure only restates a wrong status; the case's line already says it. */
const STATUS_CHECKS = new Set(["status-code", "not-a-server-error", "negative-data-rejection"]);

const failedNames = (result: CaseResult) =>
  result.checks.filter((c) => c.verdict === "failed").map((c) => c.name);

/**
 * What a failed case expected and what came back, in one line: `expected 422, got 200`, or
 * `got 200 as expected, but failed response-schema and jwt`.
 */
export function formatHeadline(result: CaseResult): string {
  const failed = failedNames(result);
  const others = failed.filter((name) => !STATUS_CHECKS.has(name));
  const also = others.length ? `; also failed ${listWords(others)}` : "";
  if (result.via === "negative") {
    const replies = result.replies ?? [];
    const total = replies.reduce((sum, r) => sum + r.count, 0);
    const got = replies
      .map((r) =>
        replies.length === 1
          ? `${r.status} (all ${r.count})`
          : `${r.status} (${r.count} of ${total})`,
      )
      .join(", ");
    const refusals = result.refusals ?? [];
    const wrong = replies.some((r) => !refusals.includes(r.status));
    if (wrong) return `expected a documented 4xx (${refusals.join(", ")}), got ${got}${also}`;
    return `got ${got} as expected, but failed ${listWords(failed)}`;
  }
  if (!result.received)
    return result.reason
      ? `${result.reason}; failed ${listWords(failed)}`
      : `no complete reply; failed ${listWords(failed)}`;
  const { status } = result.received;
  if (status !== result.status) return `expected ${result.status}, got ${status}${also}`;
  return `got ${status} as expected, but failed ${listWords(failed)}`;
}

/**
 * The lines under a failure's headline: each failed check with its violations, then the body.
 * A body diff already printed (in `shown`) is referred to rather than printed again.
 */
function failureDetails(result: CaseResult, shown?: Set<string>): string[] {
  const lines: string[] = [];
  for (const check of result.checks) {
    if (check.verdict !== "failed") continue;
    lines.push(`  ✗ ${check.name}`);
    for (const violation of check.violations) lines.push(`      ${violation}`);
  }
  const { body } = result;
  if (body && !body.lines.length) lines.push(`  ${body.heading}`);
  if (body?.lines.length) {
    const key = [body.heading, ...body.lines].join("\n");
    if (shown?.has(key)) lines.push(`  ${body.heading}: the same differences as above`);
    else {
      shown?.add(key);
      lines.push(
        `  ${body.heading} (values redacted):`,
        ...body.lines.map((line) => `      ${line}`),
      );
    }
  }
  return lines;
}

/** A failed case in full, plain text: its headline, then its details (JUnit uses it too). */
export function formatCaseFailure(result: CaseResult): string {
  return [`${result.id}: ${formatHeadline(result)}`, ...failureDetails(result)].join("\n");
}

/**
 * Every failure in detail, after the run. Cases with the same headline and details (one wrong
 * reply to eleven kinds of invalid input) share one entry that names them all.
 */
export function formatFailureDetails(results: readonly CaseResult[], paint: Paint = PLAIN): string {
  const groups = new Map<string, { headline: string; members: CaseResult[] }>();
  for (const result of results) {
    if (result.outcome !== "failed") continue;
    const headline = formatHeadline(result);
    const key = [headline, ...failureDetails(result)].join("\n");
    const group = groups.get(key);
    if (group) group.members.push(result);
    else groups.set(key, { headline, members: [result] });
  }
  const shown = new Set<string>();
  return [...groups.values()]
    .map(({ headline, members }) => {
      const [first] = members;
      if (!first) return "";
      const details = failureDetails(first, shown).map((line) => `  ${line}`);
      return [`  ${paint.fail(`✗ ${caseNames(members)}`)}: ${headline}`, ...details].join("\n");
    })
    .join("\n");
}

/** `422 missing-fields ← omit-<identity>, empty-<secret>` for cases of one response, else their ids. */
function caseNames(members: readonly CaseResult[]): string {
  const [first] = members;
  if (!first || members.length === 1) return first?.id ?? "";
  const label = (id: string) => id.split(" ← ")[0];
  if (members.every((m) => label(m.id) === label(first.id) && m.id.includes(" ← ")))
    return `${label(first.id)} ← ${members.map((m) => m.id.split(" ← ")[1]).join(", ")}`;
  return members.map((m) => m.id).join("; ");
}

/** The first line of a run: what is checked, where. */
export function formatRunHeading(
  options: ContractOptions,
  run: Pick<ContractRun, "operation">,
): string {
  return `Contract check: ${options.api.id} ${run.operation} at ${displayUrl(options.baseUrl)}`;
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

/** One finished case, on one line: passed, failed (expected vs got), or why it was not run. */
export function formatCaseResult(result: CaseResult, paint: Paint = PLAIN): string {
  switch (result.outcome) {
    case "passed": {
      const got = result.received
        ? ` ${paint.dim(`(${result.received.status}, ${result.received.ms} ms)`)}`
        : "";
      // The key set's line says how many keys it holds.
      const keys = result.via === "key-set" && result.reason ? `: ${result.reason}` : "";
      return `  ${paint.pass("✓")} ${result.id}${keys}${got}`;
    }
    case "failed":
      return `  ${paint.fail(`✗ ${result.id}`)}: ${formatHeadline(result)}`;
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
    rowName(row),
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
