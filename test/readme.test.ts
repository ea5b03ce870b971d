import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applySections } from "../scripts/readme-sections.ts";

describe("README", () => {
  it("carries the current scenario table, demo accounts and runnable examples", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme === applySections(readme), "README.md is stale: run `npm run docs`.").toBe(true);
  });

  it("names the two setup commands", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("npm install\nnpm test");
  });
});
