// `npm run docs`: regenerates the generated sections of README.md and docs/*.md (scenario
// table, examples, limits, the CLI reference), each in the one file that marks it.
import { writeFileSync } from "node:fs";
import { renderDocs } from "./readme-sections.ts";

const changed = renderDocs().filter(({ current, expected }) => current !== expected);
for (const { file, expected } of changed)
  writeFileSync(new URL(`../${file}`, import.meta.url), expected);
console.log(
  `[login-mock] generated sections regenerated${changed.length ? `: ${changed.map(({ file }) => file).join(", ")}` : " (all were current)"}`,
);
