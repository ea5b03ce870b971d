/**
 * Every relative link in README.md, docs/*.md and docs/decisions/*.md points at a file that
 * exists, and its `#anchor`, if any, at a heading of that file (GitHub's slugs). Links inside
 * code are not links; http(s) links are not checked (no network in tests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const PAGES = [
  "README.md",
  ...["docs", "docs/decisions"].flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith(".md"))
      .map((name) => `${folder}/${name}`),
  ),
];

/** The text outside fenced code blocks and inline code spans. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replaceAll(" ", "-");
}

/** Every anchor a page's headings give, duplicates numbered as GitHub numbers them. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const outsideFences = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  for (const [, heading] of outsideFences.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading ?? "");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/** What is wrong with `target` as written in `page`, or undefined when it resolves. */
function brokenLink(page: string, target: string): string | undefined {
  const [path = "", anchor] = target.split("#", 2);
  const file = path === "" ? page : normalize(join(dirname(page), decodeURI(path)));
  if (!existsSync(file)) return `${file} does not exist`;
  if (anchor === undefined) return undefined;
  if (statSync(file).isDirectory() || !file.endsWith(".md"))
    return `#${anchor} points into ${file}, which is not a Markdown page`;
  if (!anchorsOf(readFileSync(file, "utf8")).has(anchor))
    return `${file} has no heading with the anchor #${anchor}`;
  return undefined;
}

describe("links in the docs", () => {
  it("finds pages and links to check", () => {
    expect(PAGES).toContain("docs/frontend.md");
    expect(relativeLinks(readFileSync("README.md", "utf8")).length).toBeGreaterThan(10);
  });

  it.each(PAGES)("every relative link in %s resolves", (page) => {
    const broken = relativeLinks(readFileSync(page, "utf8")).flatMap((target) => {
      const problem = brokenLink(page, target);
      return problem ? [`${target}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it("derives anchors as GitHub does", () => {
    expect(slug("Cookies: what MSW's browser mode cannot do")).toBe(
      "cookies-what-msws-browser-mode-cannot-do",
    );
    expect(slug("In Node tests (Vitest, Jest)")).toBe("in-node-tests-vitest-jest");
    expect(slug("Benchmark: the mock server against a bare `node:http` ceiling and Prism")).toBe(
      "benchmark-the-mock-server-against-a-bare-nodehttp-ceiling-and-prism",
    );
    expect([...anchorsOf("# A\n\n## A\n```\n# not a heading\n```\n")]).toEqual(["a", "a-1"]);
  });

  it("reports a missing file and a missing anchor", () => {
    expect(brokenLink("README.md", "docs/nowhere.md")).toBe("docs/nowhere.md does not exist");
    expect(brokenLink("README.md", "docs/frontend.md#nowhere")).toBe(
      "docs/frontend.md has no heading with the anchor #nowhere",
    );
    expect(brokenLink("docs/frontend.md", "../README.md#install")).toBeUndefined();
  });
});
