/**
 * `npm run check:package` (part of `npm test`, right after the build): packs the package as
 * `npm publish` would and checks the tarball with publint and @arethetypeswrong/cli, then prints
 * its size and contents by folder. Fails when either tool reports a problem, when the tarball
 * holds something a user does not run (tests, the sample app, the benchmark, sources), or when
 * `prepare` does not build (a git install would get no dist/), or when `login-mock/playwright`
 * imports anything but @playwright/test and Node's built-ins (it talks HTTP to the server, so
 * Playwright's runner must not load msw or the mock), or when `login-mock/storybook` imports
 * Storybook (a loader and a decorator are plain functions: Storybook stays an optional peer).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

if (!existsSync("dist/index.js")) {
  console.error("[login-mock] dist/ is missing: run `npm run build` first (npm test does).");
  process.exit(1);
}

// npm builds a git dependency by running its `prepare` only (never `prepack`); `prepare` also
// runs on `npm pack`, `npm publish` and a clone's `npm install`, so it is the one build hook.
const { scripts = {} } = JSON.parse(readFileSync("package.json", "utf8")) as {
  scripts?: Record<string, string>;
};
const buildHookProblem = !scripts.prepare?.includes("npm run build")
  ? "scripts.prepare does not run `npm run build`: an install from git would get no dist/."
  : scripts.prepack
    ? "scripts.prepack is set: `npm pack` runs it and `prepare`, so it would build twice."
    : undefined;
if (buildHookProblem) console.error(`[login-mock] ${buildHookProblem}`);

const playwrightImports = [
  ...readFileSync("dist/playwright.js", "utf8").matchAll(
    /^(?:import|export)\b[^;]*?from\s*"([^"]+)"/gm,
  ),
].map((match) => match[1] ?? "");
const strayImports = playwrightImports.filter(
  (name) => name !== "@playwright/test" && !name.startsWith("node:"),
);
if (strayImports.length > 0 || !playwrightImports.includes("@playwright/test")) {
  console.error(
    `[login-mock] dist/playwright.js must import only @playwright/test and node: built-ins; it imports ${JSON.stringify(playwrightImports)}.`,
  );
}

const storybookImports = [
  ...readFileSync("dist/storybook.js", "utf8").matchAll(
    /\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"/g,
  ),
  ...readFileSync("dist/storybook.d.ts", "utf8").matchAll(
    /\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"/g,
  ),
]
  .map((match) => match[1] ?? match[2] ?? "")
  .filter(
    (name) =>
      name === "storybook" || name.startsWith("storybook/") || name.startsWith("@storybook/"),
  );
if (storybookImports.length > 0) {
  console.error(
    `[login-mock] dist/storybook.js and .d.ts must not import Storybook; they import ${JSON.stringify(storybookImports)}.`,
  );
}

const folder = mkdtempSync(join(tmpdir(), "login-mock-pack-"));
let failed =
  buildHookProblem !== undefined || strayImports.length > 0 || storybookImports.length > 0;
try {
  // dist/ was just built; --ignore-scripts keeps `prepare` from building it a second time.
  const output = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", folder],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const [pack] = JSON.parse(output) as PackResult[];
  if (!pack) throw new Error("npm pack reported no tarball");
  const tarball = join(folder, pack.filename);

  const byFolder = new Map<string, { files: number; bytes: number }>();
  for (const file of pack.files) {
    const top = file.path.includes("/") ? file.path.split("/").slice(0, 2).join("/") : file.path;
    const entry = byFolder.get(top) ?? { files: 0, bytes: 0 };
    byFolder.set(top, { files: entry.files + 1, bytes: entry.bytes + file.size });
  }
  console.log(
    `[login-mock] tarball ${pack.filename}: ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked, ${pack.files.length} files`,
  );
  for (const [path, { files, bytes }] of [...byFolder].sort()) {
    console.log(`  ${path.padEnd(32)} ${String(files).padStart(3)} files  ${kB(bytes)}`);
  }
  const unwanted = pack.files.filter((file) =>
    /^(test|examples|bench|scripts|mocks|server|cli|contracts)\/|\.test\.|\.ts$(?<!\.d\.ts)/.test(
      file.path,
    ),
  );
  if (unwanted.length > 0) {
    failed = true;
    console.error(
      `[login-mock] the tarball holds files users do not run: ${unwanted.map((f) => f.path).join(", ")}. Narrow "files" in package.json.`,
    );
  }

  // publint packs with npm itself (lifecycle scripts skipped), so it sees the same files.
  const lint = await publint({ pkgDir: process.cwd(), strict: true, pack: "npm" });
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, unknown>;
  for (const message of lint.messages) {
    console.error(`[publint] ${message.type}: ${formatMessage(message, manifest) ?? message.code}`);
  }
  if (lint.messages.length > 0) failed = true;
  else console.log("[publint] no problems");

  // esm-only: the package is ESM, and every Node it supports (>= 22.12) can require() it.
  try {
    // The YAML specs are exported as files for other tools (Prism, editors), not as modules.
    const files = ["./openapi/talkstack.yaml", "./openapi/seamless.yaml"];
    execFileSync(
      "attw",
      [tarball, "--profile", "esm-only", "--no-color", "--exclude-entrypoints", ...files],
      {
        stdio: "inherit",
      },
    );
  } catch {
    failed = true;
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
