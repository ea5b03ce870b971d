/**
 * The coverage record: one row per documented response (status + example) of the login, and of
 * the refresh and logout the spec names, saying whether it was exercised and passed, failed
 * (which checks), could not be reached on this target (why), or was skipped (why), plus a row
 * for the negative phase and one for the key set (`--jwks-url`) when one was given.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { CaseResult } from "./contract-run.ts";

export interface CoverageRow {
  readonly status: number | "—";
  readonly example: string;
  /** The refresh or logout whose response this is (`POST /auth/refresh`); absent for the login's. */
  readonly operation?: string;
  readonly outcome: "passed" | "failed" | "unreachable" | "skipped" | "network-error";
  /** How it was exercised, which checks failed, or why it was not. */
  readonly detail: string;
}

export function buildCoverage(
  examples: readonly ResponseExample[],
  results: readonly CaseResult[],
  sessions: readonly { operation: string; examples: readonly ResponseExample[] }[] = [],
): CoverageRow[] {
  const rowsOf = (operation: string | undefined, documented: readonly ResponseExample[]) =>
    documented.map((example): CoverageRow => {
      const mine = results.filter(
        (r) =>
          (r.via === "data" || r.via === "prefer") &&
          r.operation === operation &&
          r.example === example.name &&
          r.status === example.status,
      );
      return {
        status: example.status,
        example: example.name,
        ...(operation === undefined ? {} : { operation }),
        ...summarise(mine),
      };
    });
  const rows = rowsOf(undefined, examples);
  for (const session of sessions) rows.push(...rowsOf(session.operation, session.examples));
  const negative = results.filter((r) => r.via === "negative");
  if (negative.length) rows.push({ status: "—", example: "negative data", ...summarise(negative) });
  const keySet = results.filter((r) => r.via === "key-set");
  if (keySet.length) rows.push({ status: "—", example: "key set", ...summarise(keySet) });
  return rows;
}

/** A row's response as reports name it: `refreshed (POST /auth/refresh)` for a refresh's. */
export function rowName(row: Pick<CoverageRow, "example" | "operation">): string {
  return row.operation === undefined ? row.example : `${row.example} (${row.operation})`;
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
  if (passed.length)
    return {
      outcome: "passed",
      detail: passed.every((r) => r.via === "key-set")
        ? (passed[0]?.reason ?? "")
        : `via ${passed.map(via).join(", ")}`,
    };
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
      : r.via === "key-set"
        ? "--jwks-url"
        : (r.id.split(" ← ")[1] ?? r.id);
const unique = (results: readonly CaseResult[]) =>
  [...new Set(results.map((r) => r.reason ?? ""))].join("; ");
