import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTRACT_FLAGS } from "../cli/contract.ts";
import { PROXY_FLAGS } from "../cli/proxy.ts";
import { SCENARIOS_FLAGS } from "../cli/scenarios.ts";
import { SERVE_FLAGS } from "../cli/serve.ts";
import {
  applySections,
  docFiles,
  renderCliReference,
  renderDocs,
} from "../scripts/readme-sections.ts";

/** The front page ships in the tarball and is what a newcomer reads first: keep it short. */
const FRONT_PAGE_LIMIT_BYTES = 12_000;

describe("README and docs/", () => {
  const docs = renderDocs();

  it.each(docs.map(({ file }) => file))(
    "%s carries the current generated sections (scenarios, examples, limits, CLI reference)",
    (file) => {
      const page = docs.find((doc) => doc.file === file);
      expect(page?.current === page?.expected, `${file} is stale: run \`npm run docs\`.`).toBe(
        true,
      );
    },
  );

  it("keeps the front page short", () => {
    const size = Buffer.byteLength(readFileSync("README.md", "utf8"));
    expect(size, `README.md is ${size} bytes; move detail to a docs/ page`).toBeLessThan(
      FRONT_PAGE_LIMIT_BYTES,
    );
  });

  it("names the two setup commands", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("npm install\nnpm test");
  });

  it("has a guide for each user, a CLI reference, limits, a benchmark and the decisions", () => {
    expect(docFiles()).toEqual(
      expect.arrayContaining([
        "README.md",
        "docs/frontend.md",
        "docs/ci.md",
        "docs/qa.md",
        "docs/cli.md",
        "docs/limits.md",
        "docs/benchmark.md",
        "docs/decisions.md",
      ]),
    );
  });

  it("lists every flag of every command in the CLI reference, with its environment variable", () => {
    const reference = renderCliReference();
    for (const flags of [SERVE_FLAGS, SCENARIOS_FLAGS, CONTRACT_FLAGS, PROXY_FLAGS])
      for (const name of Object.keys(flags)) expect(reference).toContain(`\`--${name}`);
    expect(reference).toContain("`LOGIN_MOCK_TOKEN_TTL`");
    expect(reference).toContain("`CONTRACT_BASE_URL`");
    expect(reference).toContain("### login-mock proxy");
  });

  it("rewrites a section only between its own markers, each a line of its own", () => {
    const page = "intro `<!-- x:start -->` in prose\n<!-- x:start -->\nold\n<!-- x:end -->\nrest\n";
    expect(applySections(page, { x: "new" })).toBe(
      "intro `<!-- x:start -->` in prose\n<!-- x:start -->\nnew\n<!-- x:end -->\nrest\n",
    );
    expect(() => applySections("<!-- y:start -->\n<!-- y:end -->\n", { x: "new" })).toThrow(
      /does not render/,
    );
    expect(() => applySections("<!-- x:start -->\nno end\n", { x: "new" })).toThrow(/has no/);
  });
});
