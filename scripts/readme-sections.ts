/**
 * README sections that are generated, each between `<!-- name:start -->` and
 * `<!-- name:end -->`. `npm run docs` rewrites them; the README test compares.
 */
import { readFileSync } from "node:fs";
import { CHECKS } from "../contracts/checks/index.ts";
import { renderContractLimitsTable } from "../contracts/limits.ts";
import { renderDemoAccountTable, renderScenarioTable } from "../mocks/core/scenario-table.ts";
import { renderLimitsTable } from "../server/limits.ts";

const renderCheckTable = () =>
  [
    "| check | rule |",
    "| --- | --- |",
    ...CHECKS.map((check) => `| \`${check.name}\` | ${check.rule} |`),
  ].join("\n");

const fence = (language: string, path: string) =>
  `\`\`\`${language}\n// ${path}\n${readFileSync(new URL(`../${path}`, import.meta.url), "utf8").trimEnd()}\n\`\`\``;

export function renderSections(): Record<string, string> {
  return {
    scenarios: renderScenarioTable(),
    "demo-accounts": renderDemoAccountTable(),
    "node-example": fence("ts", "examples/node/login.test.ts"),
    "browser-example": fence("ts", "examples/app/src/start-mocks.ts"),
    "contract-checks": renderCheckTable(),
    "server-limits": renderLimitsTable(),
    "contract-limits": renderContractLimitsTable(),
  };
}

/** The README with every generated section replaced by its current rendering. */
export function applySections(readme: string, sections = renderSections()): string {
  let result = readme;
  for (const [name, content] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(result))
      throw new Error(`[login-mock] README.md lacks the markers of "${name}".`);
    result = result.replace(
      pattern,
      (_match, start: string, end: string) => `${start}${content}\n${end}`,
    );
  }
  return result;
}
