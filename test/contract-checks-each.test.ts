/**
 * Every check in the registry, alone, fails on a broken server of its own. Each row runs the
 * whole contract suite with every other check skipped (the `--skip-check` of the CLI), so a
 * check that passes a broken server cannot hide behind a neighbour that notices it too. A new
 * check without a broken server (test/support/mutants.ts) fails the coverage test below.
 */
import { describe, expect, it } from "vitest";
import { CHECK_NAMES } from "../contracts/checks/index.ts";
import { failedChecks, MUTANTS, runAgainstMutant } from "./support/mutants.ts";

describe("each check alone, against a broken server of its own", () => {
  const rows = CHECK_NAMES.flatMap((check) =>
    MUTANTS.filter((mutant) => mutant.caughtBy === check).map(
      (mutant) => [check, mutant.name, mutant] as const,
    ),
  );

  it("has a broken server for every check in the registry, and none for a check it lacks", () => {
    // An empty registry would make the coverage below, and the rows, vacuous.
    expect(CHECK_NAMES.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThanOrEqual(CHECK_NAMES.length);
    const covered = new Set(MUTANTS.map((mutant) => mutant.caughtBy));
    expect(CHECK_NAMES.filter((name) => !covered.has(name))).toEqual([]);
    expect(MUTANTS.filter((mutant) => !CHECK_NAMES.includes(mutant.caughtBy))).toEqual([]);
  });

  it.each(rows)("%s fails on: %s", async (check, _name, mutant) => {
    const skipChecks = CHECK_NAMES.filter((name) => name !== check);
    const report = await runAgainstMutant(mutant, { skipChecks });
    expect(report.skippedChecks).toEqual(skipChecks);
    expect(failedChecks(report)).toEqual([check]);
    expect(report.ok).toBe(false);
  });
});
