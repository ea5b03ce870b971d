/**
 * The contract suite as Vitest runs it (`login-mock contract` starts Vitest on this file): one
 * test per case derived from the spec, one for the negative phase, one for --require-all. A
 * failing test names the checks that broke. The full report goes to a JSON file the CLI turns
 * into the coverage table, JUnit XML and Markdown.
 */
import { writeFileSync } from "node:fs";
import { afterAll, describe, it } from "vitest";
import { type CaseResult, createContractRun } from "./contract-run.ts";
import { displayUrl } from "./redact.ts";
import { formatCaseFailure } from "./reports/console.ts";
import { readSuiteEnvironment } from "./suite-environment.ts";

const { options, reportPath } = readSuiteEnvironment();
const run = await createContractRun(options);

function settle(result: CaseResult, skip: (note?: string) => void): void {
  if (result.outcome === "skipped" || result.outcome === "unreachable")
    skip(`${result.outcome}: ${result.reason ?? ""}`);
  if (result.outcome === "network-error") throw new Error(result.reason);
  if (result.outcome === "failed") throw new Error(formatCaseFailure(result));
}

describe(`${options.variant} POST /auth/login at ${displayUrl(options.baseUrl)}${run.preferHonoured ? " (honours Prefer)" : ""}`, () => {
  for (const contractCase of run.cases) {
    it(contractCase.id, async (context) =>
      settle(await run.runCase(contractCase), (note) => context.skip(note)),
    );
  }
  it(`negative data: ${options.fuzzRuns} generated invalid bodies (seed ${options.fuzzSeed})`, async (context) =>
    settle(await run.runNegativePhase(), (note) => context.skip(note)));
  if (options.requireAll) {
    it("every reachable documented response was exercised (--require-all)", () => {
      const { unexercised } = run.report();
      if (unexercised.length) throw new Error(`not exercised:\n  ${unexercised.join("\n  ")}`);
    });
  }
});

afterAll(() => {
  writeFileSync(reportPath, JSON.stringify(run.report()));
});
