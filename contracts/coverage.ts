/**
 * The coverage record: one row per documented response (status + example), saying whether it
 * was exercised and passed, failed (which checks), could not be reached on this target (why),
 * or was skipped (why), plus a row for the negative phase.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { CaseResult } from "./contract-run.ts";

export interface CoverageRow {
  readonly status: number | "—";
  readonly example: string;
  readonly outcome: "passed" | "failed" | "unreachable" | "skipped" | "network-error";
  /** How it was exercised, which checks failed, or why it was not. */
  readonly detail: string;
}

export function buildCoverage(
  examples: readonly ResponseExample[],
  results: readonly CaseResult[],
): CoverageRow[] {
  const rows: CoverageRow[] = examples.map((example) => {
    const mine = results.filter(
      (r) => r.via !== "negative" && r.example === example.name && r.status === example.status,
    );
    return { status: example.status, example: example.name, ...summarise(mine) };
  });
  const negative = results.filter((r) => r.via === "negative");
  if (negative.length) rows.push({ status: "—", example: "negative data", ...summarise(negative) });
  return rows;
}

function summarise(results: readonly CaseResult[]): Pick<CoverageRow, "outcome" | "detail"> {
  const by = (outcome: CaseResult["outcome"]) => results.filter((r) => r.outcome === outcome);
  const failed = by("failed");
  if (failed.length) {
    const checks = [
      ...new Set(
        failed.flatMap((r) => r.checks.filter((c) => c.verdict === "failed").map((c) => c.name)),
      ),
    ];
    return {
      outcome: "failed",
      detail: `${checks.join(", ")} (${failed.map((r) => via(r)).join(", ")})`,
    };
  }
  const network = by("network-error");
  if (network.length) return { outcome: "network-error", detail: network[0]?.reason ?? "" };
  const passed = by("passed");
  if (passed.length) return { outcome: "passed", detail: `via ${passed.map(via).join(", ")}` };
  const skipped = by("skipped");
  if (skipped.length) return { outcome: "skipped", detail: unique(skipped) };
  const unreachable = by("unreachable");
  if (unreachable.length) return { outcome: "unreachable", detail: unique(unreachable) };
  return { outcome: "skipped", detail: "no case was run" };
}

const via = (r: CaseResult) =>
  r.via === "prefer"
    ? "Prefer"
    : r.via === "negative"
      ? "generated bodies"
      : (r.id.split(" ← ")[1] ?? r.id);
const unique = (results: readonly CaseResult[]) =>
  [...new Set(results.map((r) => r.reason ?? ""))].join("; ");
