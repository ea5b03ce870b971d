/**
 * Generated sections of README.md and docs/*.md, each between `<!-- name:start -->` and
 * `<!-- name:end -->`. A section may live in any of those files, but in exactly one.
 * `npm run docs` rewrites them; test/readme.test.ts compares.
 */
import { readdirSync, readFileSync } from "node:fs";
import { CONTRACT_FLAGS, CONTRACT_HELP } from "../cli/contract.ts";
import { envName, type FlagSpec } from "../cli/flags.ts";
import { PROXY_FLAGS, PROXY_HELP } from "../cli/proxy.ts";
import { SCENARIOS_FLAGS, SCENARIOS_HELP } from "../cli/scenarios.ts";
import { SERVE_FLAGS, SERVE_HELP } from "../cli/serve.ts";
import { CHECKS } from "../contracts/checks/index.ts";
import { CONTRACT_LIMITS } from "../contracts/limits.ts";
import { renderDemoAccountTable, renderScenarioTable } from "../mocks/core/index.ts";
import { SERVER_LIMITS } from "../server/limits.ts";

const ROOT = new URL("../", import.meta.url);

/** A table cell: pipes escaped, and `<…>` outside code spans kept as text, not read as HTML. */
const cell = (text: string) =>
  text
    .replaceAll("\n", " ")
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/[<>]/g, "\\$&")))
    .join("")
    .replaceAll("|", "\\|");

const renderCheckTable = () =>
  [
    "| check | rule |",
    "| --- | --- |",
    ...CHECKS.map((check) => `| \`${check.name}\` | ${check.rule} |`),
  ].join("\n");

/** A limits table (server or contract): one row per bound, with what happens past it. */
const renderLimitsTable = (
  limits: readonly { readonly limit: string; readonly value: string; readonly past: string }[],
) =>
  [
    "| limit | value | past it |",
    "| --- | --- | --- |",
    ...limits.map(({ limit, value, past }) => `| ${limit} | ${value} | ${past} |`),
  ].join("\n");

const fence = (language: string, path: string) =>
  `\`\`\`${language}\n// ${path}\n${readFileSync(new URL(path, ROOT), "utf8").trimEnd()}\n\`\`\``;

/** The commands, in the order `login-mock --help` lists them, each with its flag table. */
const COMMANDS: readonly {
  readonly name: string;
  readonly help: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
}[] = [
  { name: "serve", help: SERVE_HELP, flags: SERVE_FLAGS },
  { name: "scenarios", help: SCENARIOS_HELP, flags: SCENARIOS_FLAGS },
  { name: "contract", help: CONTRACT_HELP, flags: CONTRACT_FLAGS },
  { name: "proxy", help: PROXY_HELP, flags: PROXY_FLAGS },
];

/** A command's usage line and summary, as its `--help` prints them. */
function helpHeader(name: string, help: string): { usage: string; summary: string } {
  const match = /^Usage: (.+)\n\n([\s\S]+?)\n\nFlags:\n/.exec(help);
  if (!match?.[1] || !match[2])
    throw new Error(
      `[login-mock] The --help of \`login-mock ${name}\` no longer starts with "Usage: …", a summary and "Flags:"; update renderCliReference in scripts/readme-sections.ts.`,
    );
  return { usage: match[1], summary: match[2].replaceAll("\n", " ") };
}

/** The CLI reference: every command's usage, summary and flags, from the flag definitions. */
export function renderCliReference(): string {
  const overview = [
    "| command | what it does |",
    "| --- | --- |",
    ...COMMANDS.map(
      ({ name, help }) =>
        `| [\`login-mock ${name}\`](#login-mock-${name}) | ${cell(helpHeader(name, help).summary)} |`,
    ),
  ].join("\n");
  const sections = COMMANDS.map(({ name, help, flags }) => {
    const { usage, summary } = helpHeader(name, help);
    const rows = Object.entries(flags).map(([flag, spec]) => {
      const variable = envName(flag, spec);
      const shown = `--${flag}${spec.value ? ` ${spec.value}` : ""}`;
      return `| \`${cell(shown)}\` | ${variable ? `\`${variable}\`` : "—"} | ${cell(spec.help)} |`;
    });
    return [
      `### login-mock ${name}`,
      "",
      `\`${usage}\``,
      "",
      summary,
      "",
      "| flag | environment variable | what it does |",
      "| --- | --- | --- |",
      ...rows,
      "| `--help` | — | Show this help. |",
    ].join("\n");
  });
  return [overview, ...sections].join("\n\n");
}

/** One line per note in docs/decisions/, titled by its first heading. */
function renderDecisionList(): string {
  return readdirSync(new URL("docs/decisions/", ROOT))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => {
      const text = readFileSync(new URL(`docs/decisions/${name}`, ROOT), "utf8");
      const title = /^# (.+)$/m.exec(text)?.[1] ?? name;
      return `- [${title}](decisions/${name})`;
    })
    .join("\n");
}

export function renderSections(): Record<string, string> {
  return {
    scenarios: renderScenarioTable(),
    "demo-accounts": renderDemoAccountTable(),
    "node-example": fence("ts", "examples/node/login.test.ts"),
    "browser-example": fence("ts", "examples/app/src/start-mocks.ts"),
    "vite-config": fence("ts", "examples/app/vite.config.ts"),
    "contract-checks": renderCheckTable(),
    "server-limits": renderLimitsTable(SERVER_LIMITS),
    "contract-limits": renderLimitsTable(CONTRACT_LIMITS),
    "cli-reference": renderCliReference(),
    decisions: renderDecisionList(),
  };
}

/** The files that may hold generated sections: README.md and docs/*.md, repository-relative. */
export function docFiles(): string[] {
  const pages = readdirSync(new URL("docs/", ROOT), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => `docs/${entry.name}`)
    .sort();
  return ["README.md", ...pages];
}

/** The names of the generated sections `text` marks (a marker is a line of its own), in order. */
export function sectionNames(text: string): string[] {
  return [...text.matchAll(/^<!-- ([\w-]+):start -->$/gm)].map((match) => match[1] ?? "");
}

/**
 * `text` with each generated section it marks replaced by its current rendering. Throws on a
 * marker no renderer knows, or a start marker without its end.
 */
export function applySections(
  text: string,
  sections: Record<string, string> = renderSections(),
  file = "README.md",
): string {
  let result = text;
  for (const name of sectionNames(text)) {
    const content = sections[name];
    if (content === undefined)
      throw new Error(
        `[login-mock] ${file} marks a generated section "${name}" that scripts/readme-sections.ts does not render. Known: ${Object.keys(sections).join(", ")}.`,
      );
    const pattern = new RegExp(
      `(^<!-- ${name}:start -->\\n)[\\s\\S]*?(^<!-- ${name}:end -->$)`,
      "m",
    );
    if (!pattern.test(result))
      throw new Error(
        `[login-mock] ${file}: "<!-- ${name}:start -->" has no "<!-- ${name}:end -->".`,
      );
    result = result.replace(
      pattern,
      (_match, start: string, end: string) => `${start}${content}\n${end}`,
    );
  }
  return result;
}

/**
 * Every doc file, as it is and as `npm run docs` would write it. Throws when a section is
 * placed in no file or in more than one.
 */
export function renderDocs(): { file: string; current: string; expected: string }[] {
  const sections = renderSections();
  const files = docFiles().map((file) => {
    const current = readFileSync(new URL(file, ROOT), "utf8");
    return { file, current, expected: applySections(current, sections, file) };
  });
  for (const name of Object.keys(sections)) {
    const holders = files.filter(({ current }) => sectionNames(current).includes(name));
    if (holders.length !== 1)
      throw new Error(
        `[login-mock] The generated section "${name}" must be in exactly one of README.md, docs/*.md; it is in ${holders.length === 0 ? "none" : holders.map((h) => h.file).join(", ")}. Add <!-- ${name}:start --> and <!-- ${name}:end --> where it belongs.`,
      );
    const marked = holders[0]?.current ?? "";
    if (sectionNames(marked).filter((found) => found === name).length > 1)
      throw new Error(`[login-mock] ${holders[0]?.file} marks "${name}" twice.`);
  }
  return files;
}
