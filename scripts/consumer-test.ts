/**
 * `npm run test:consumer` (run by `.ci/run`): login-mock as a user meets it, installed both ways
 * the README shows.
 *
 * From the tarball: packs the package (its `prepare` builds it), then for each msw major the
 * package claims, in a fresh temporary project on the oldest Node it claims (`node@22.12.0`
 * installed there, first on every script's PATH):
 *   1. installs msw, then the tarball (no path links), and measures what login-mock added;
 *   2. checks `npm ls msw` shows one msw, and that `npx msw init` writes that msw's worker;
 *   3. runs the README's Node example under Vitest;
 *   4. type-checks a file that uses every export, strict, under `nodenext` and `bundler`;
 *   5. runs `npx login-mock --version`, `scenarios`, `serve`, and `contract` against that server,
 *      and imports `login-mock/node`;
 *   6. builds a small Vite app that uses `login-mock/browser` (development build), and the same
 *      app for production, which must hold no mock code;
 *   7. on an older Node found on PATH (the system's), checks the one-line version message.
 *
 * From git: a fresh project installs `git+file://…#<HEAD>` (a bare clone of the committed HEAD,
 * not the working tree) with only the oldest Node and the npm it ships on PATH, as a user of
 * that Node has them. npm builds a git dependency by installing its devDependencies in a
 * temporary folder and running `prepare` there; the project must end up with the same files
 * as the tarball, and `--version`, `serve`, `contract` and the Node import must work.
 *
 * Prints each check's result and the figures; exits 1 when any check fails.
 *
 *   node scripts/consumer-test.ts [--msw 3,2] [--git | --no-git] [--keep]
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { MINIMUM_NODE_VERSION } from "../mocks/supported-node.ts";
import { freshSpec } from "../test/support/fresh-spec.ts";

const { values } = parseArgs({
  options: {
    msw: { type: "string", default: "3,2" },
    git: { type: "boolean", default: true },
    keep: { type: "boolean", default: false },
  },
  allowNegative: true,
});
const MSW_MAJORS = String(values.msw)
  .split(",")
  .map((major) => major.trim());
/** The budget for what login-mock adds to a project that already has msw (issue 10). */
const FOOTPRINT_BUDGET = { megabytes: 25, packages: 40 };
/**
 * The npm each minimum Node ships (nodejs.org/dist/index.json): a user of that Node installs
 * login-mock from git with it, so the git route runs on it.
 */
const NPM_SHIPPED_WITH: Record<string, string> = { "22.12.0": "10.9.0" };
const repo = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "login-mock-consumer-"));
const results: { check: string; ok: boolean; detail: string }[] = [];

function record(check: string, ok: boolean, detail = ""): void {
  results.push({ check, ok, detail });
  console.log(`${ok ? "✓" : "✗"} ${check}${detail ? `: ${detail}` : ""}`);
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "true", ...env },
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
  };
}

/** Runs `command` and records it; on failure the output's last lines explain why. */
function check(
  name: string,
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): boolean {
  const { status, output } = run(cwd, command, args, env);
  const ok = status === 0;
  record(name, ok, ok ? "" : `exit ${status}\n${tail(output, 25)}`);
  return ok;
}

function tail(text: string, lines: number): string {
  return text
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join("\n");
}

interface PackedFile {
  readonly path: string;
}

/** The version a consumer's `npx login-mock --version` must print. */
const VERSION = (
  JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string }
).version;

function footprint(project: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(path);
      else {
        bytes += statSync(path).size;
        // A package is a folder with a package.json directly under a node_modules folder.
        if (entry.name === "package.json" && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(dir))
          packages += 1;
      }
    }
  };
  walk(join(project, "node_modules"));
  return { bytes, packages };
}

function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env },
  });
}

/** Seconds since `start` (a `performance.now()`), one decimal. */
function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

// Everything below runs from here, at the end of the file, once every constant is defined.
function main(): void {
  // --- the tarball -----------------------------------------------------------------------------
  console.log(`[consumer] packing ${repo} (prepare builds it)…`);
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  ) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
  const tarball = join(work, packed[0]?.filename ?? "missing.tgz");
  record(
    "npm pack",
    statSync(tarball, { throwIfNoEntry: false }) !== undefined,
    `${kB(packed[0]?.size ?? 0)} packed, ${kB(packed[0]?.unpackedSize ?? 0)} unpacked, ${packed[0]?.files.length} files`,
  );

  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const nodeExample = between(readme, "<!-- node-example:start -->", "<!-- node-example:end -->")
    .replace(/^```ts\n/, "")
    .replace(/\n```\s*$/, "\n");

  for (const major of MSW_MAJORS) testWithMsw(major, tarball, nodeExample);
  if (values.git) testFromGit(packed[0]?.files ?? []);

  // --- an older Node, if this machine has one (the system Node here is 20) ----------------------
  const oldNode = findOldNode();
  if (oldNode) {
    const project = join(work, `msw${MSW_MAJORS[0]}`);
    const imported = run(project, oldNode.path, [
      "--input-type=module",
      "-e",
      'await import("login-mock/node")',
    ]);
    record(
      `import "login-mock/node" on Node ${oldNode.version} stops with the version needed`,
      imported.status !== 0 &&
        imported.output.includes(`needs Node ${MINIMUM_NODE_VERSION} or newer`),
      firstLine(imported.output, "needs Node"),
    );
    const cli = run(project, oldNode.path, [
      join(project, "node_modules/login-mock/dist/cli/cli.js"),
      "--help",
    ]);
    record(
      `npx login-mock on Node ${oldNode.version} prints one line and exits 1`,
      cli.status === 1 &&
        cli.output.trim().split("\n").length === 1 &&
        !cli.output.includes("npm install"),
      cli.output.trim(),
    );
  } else {
    console.log(
      `[consumer] no Node older than ${MINIMUM_NODE_VERSION} on PATH: version message not checked`,
    );
  }

  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`[consumer] kept ${work}`);
  const failed = results.filter((result) => !result.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

// --- one consumer project ----------------------------------------------------------------------
function testWithMsw(major: string, tarball: string, nodeExample: string): void {
  const project = join(work, `msw${major}`);
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: `consumer-msw${major}`, private: true, type: "module", allowScripts: { node: true } }, null, 2)}\n`,
  );
  console.log(`\n[consumer] msw ${major}: a fresh project in ${project}`);
  npm(project, ["install", `msw@^${major}`]);
  const before = footprint(project);
  npm(project, ["install", tarball]);
  const after = footprint(project);
  const addedMb = (after.bytes - before.bytes) / 1e6;
  const addedPackages = after.packages - before.packages;
  record(
    `msw ${major}: login-mock adds <= ${FOOTPRINT_BUDGET.megabytes} MB and <= ${FOOTPRINT_BUDGET.packages} packages`,
    addedMb <= FOOTPRINT_BUDGET.megabytes && addedPackages <= FOOTPRINT_BUDGET.packages,
    `+${addedMb.toFixed(1)} MB, +${addedPackages} packages (msw alone: ${(before.bytes / 1e6).toFixed(1)} MB, ${before.packages} packages)`,
  );
  const mswInstalled = JSON.parse(
    readFileSync(join(project, "node_modules/msw/package.json"), "utf8"),
  ) as { version: string };
  const copies = run(project, "npm", ["ls", "msw", "--all", "--parseable"])
    .output.split("\n")
    .filter((line) => /node_modules\/msw$/.test(line));
  record(
    `msw ${major}: npm ls shows one msw`,
    copies.length === 1,
    `msw@${mswInstalled.version}, ${copies.length} cop${copies.length === 1 ? "y" : "ies"}`,
  );

  // The oldest Node the package claims runs everything below (npm puts it first on PATH).
  npm(project, [
    "install",
    "-D",
    `node@${MINIMUM_NODE_VERSION}`,
    "vitest",
    "typescript",
    "vite",
    "@types/node",
    "@faker-js/faker",
    // The optional peer of login-mock/playwright, as a Playwright user has it.
    "@playwright/test",
  ]);
  const nodeVersion = run(project, "npm", ["exec", "--", "node", "--version"]).stdout.trim();
  record(
    `msw ${major}: tools run on the minimum Node`,
    nodeVersion === `v${MINIMUM_NODE_VERSION}`,
    nodeVersion,
  );

  check(`msw ${major}: npx msw init writes this msw's worker`, project, "npx", [
    "msw",
    "init",
    "public",
    "--save=false",
  ]);
  const worker = readFileSync(join(project, "public/mockServiceWorker.js"), "utf8");
  record(
    `msw ${major}: the worker script matches msw ${mswInstalled.version}`,
    worker.includes(`'${mswInstalled.version}'`) || worker.includes(`"${mswInstalled.version}"`),
  );

  // 3. The README's Node example, unchanged but for the listen option msw 2 spells differently.
  const example =
    major === "2" ? nodeExample.replace("onUnhandledFrame", "onUnhandledRequest") : nodeExample;
  writeFileSync(join(project, "login.test.ts"), example);
  check(`msw ${major}: the README's Node example passes under Vitest`, project, "npx", [
    "vitest",
    "run",
    "login.test.ts",
  ]);

  // 4. Every export, type-checked strict under both resolutions.
  writeFileSync(join(project, "uses-every-export.ts"), EVERY_EXPORT);
  for (const resolution of ["nodenext", "bundler"] as const) {
    writeFileSync(join(project, `tsconfig.${resolution}.json`), tsconfig(resolution));
    check(`msw ${major}: tsc --noEmit is clean (${resolution}, strict)`, project, "npx", [
      "tsc",
      "-p",
      `tsconfig.${resolution}.json`,
    ]);
  }

  // 5. The CLI and the Node entry; the Playwright fixture loads without the mock's core.
  checkVersion(project, `msw ${major}`);
  const fixture = run(project, "npm", [
    "exec",
    "--",
    "node",
    "--input-type=module",
    "-e",
    'const { test, expect } = await import("login-mock/playwright"); console.log(typeof test.extend, typeof expect);',
  ]);
  record(
    `msw ${major}: import("login-mock/playwright") works`,
    fixture.status === 0 && fixture.stdout.trim() === "function function",
    tail(fixture.output, 3),
  );
  const scenarios = run(project, "npx", ["login-mock", "scenarios", "seamless"]);
  record(
    `msw ${major}: npx login-mock scenarios`,
    scenarios.status === 0 && scenarios.output.includes("recaptcha-failed"),
    firstLine(scenarios.output, "recaptcha-failed"),
  );
  serveAndCheckContract(project, `msw ${major}`);
  writeFileSync(join(project, "spec.yaml"), JSON.stringify(freshSpec(), null, 2));
  serveAndCheckContract(project, `msw ${major}`, {}, USER_SPEC);
  checkNodeImport(project, `msw ${major}`, ["npm", "exec", "--", "node"]);

  // 6. A Vite app: the development build bundles the mocks, the production build holds none.
  writeFileSync(
    join(project, "index.html"),
    '<!doctype html><div id="app"></div><script type="module" src="/main.ts"></script>\n',
  );
  writeFileSync(join(project, "main.ts"), VITE_MAIN);
  if (
    check(
      `msw ${major}: vite build (development) bundles login-mock/browser`,
      project,
      "npx",
      ["vite", "build", "--mode", "development", "--outDir", "dist-dev", "--minify", "false"],
      { NODE_ENV: "development" },
    )
  ) {
    const devCode = readAll(join(project, "dist-dev"));
    const devGzip = gzipSync(devCode).length;
    record(
      `msw ${major}: the development build holds the mocks`,
      devCode.includes("recaptcha-failed") && devCode.includes("serviceWorker"),
      `the app's JavaScript, unminified: ${kB(devCode.length)}, ${kB(devGzip)} gzip (msw and login-mock; \`npm run size\` shows each apart)`,
    );
  }
  if (
    check(`msw ${major}: vite build (production)`, project, "npx", [
      "vite",
      "build",
      "--outDir",
      "dist-prod",
    ])
  ) {
    const prodCode = readAll(join(project, "dist-prod"));
    const leaks = [
      "recaptcha-failed",
      "mockServiceWorker",
      "serviceWorker.register",
      "login-mock",
    ].filter((marker) => prodCode.includes(marker));
    record(
      `msw ${major}: the production build holds no mock code`,
      leaks.length === 0,
      leaks.length ? `found ${leaks.join(", ")}` : "",
    );
  }
}

// --- installed from git -----------------------------------------------------------------------
function testFromGit(tarballFiles: readonly PackedFile[]): void {
  const label = "git";
  const project = join(work, "git");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "consumer-git", private: true, type: "module" }, null, 2)}\n`,
  );
  // What is committed, not the working tree: HEAD pushed to a bare repository of its own, and
  // the URL names that commit.
  const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
  const dirty = run(repo, "git", ["status", "--porcelain", "--untracked-files=no"]).stdout.trim();
  const bare = join(work, "login-mock.git");
  execFileSync("git", ["init", "--quiet", "--bare", bare]);
  // A shallow clone of this repository (as CI may make) can push only to a repository that
  // accepts shallow history.
  execFileSync("git", ["config", "receive.shallowUpdate", "true"], { cwd: bare });
  execFileSync("git", ["push", "--quiet", "--no-verify", bare, "HEAD:refs/heads/main"], {
    cwd: repo,
  });
  // npm reads the remote's HEAD; a new bare repository's points at a branch it lacks.
  execFileSync("git", ["symbolic-ref", "HEAD", "refs/heads/main"], { cwd: bare });
  const url = `git+file://${bare}#${commit}`;
  console.log(
    `\n[consumer] from git: commit ${commit.slice(0, 12)}${dirty ? " (the working tree has uncommitted changes: the tarball holds them, this install does not)" : ""}, in ${project}`,
  );

  const env = minimumNodeOnly();
  if (!env) return;
  const tools = run(project, "npm", ["--version"], env).stdout.trim();
  const nodeVersion = run(project, "node", ["--version"], env).stdout.trim();
  record(
    `${label}: the user has Node ${MINIMUM_NODE_VERSION} and its npm only`,
    nodeVersion === `v${MINIMUM_NODE_VERSION}` && tools === NPM_SHIPPED_WITH[MINIMUM_NODE_VERSION],
    `node ${nodeVersion}, npm ${tools}`,
  );

  npm(project, ["install", "-D", "msw@^3"], env);
  const before = footprint(project);
  const started = performance.now();
  // npm clones the commit, installs login-mock's devDependencies beside it, runs its `prepare`
  // (the build) and packs what `files` names: the same steps as a user's install.
  const installed = check(
    `${label}: npm install -D ${url.replace(work, "$TMP")}`,
    project,
    "npm",
    ["install", "-D", url, "--no-audit", "--no-fund", "--loglevel=error"],
    env,
  );
  const took = seconds(started);
  if (!installed) return;
  const after = footprint(project);
  console.log(
    `[consumer] ${label}: installed in ${took}; login-mock added +${((after.bytes - before.bytes) / 1e6).toFixed(1)} MB, +${after.packages - before.packages} packages`,
  );
  const fromGit = listFiles(join(project, "node_modules/login-mock"));
  const fromTarball = tarballFiles.map((file) => file.path).sort();
  const missing = fromTarball.filter((path) => !fromGit.includes(path));
  const extra = fromGit.filter((path) => !fromTarball.includes(path));
  record(
    `${label}: login-mock holds the tarball's files`,
    missing.length === 0 && extra.length === 0,
    missing.length || extra.length
      ? `missing ${missing.slice(0, 8).join(", ") || "none"}; extra ${extra.slice(0, 8).join(", ") || "none"}`
      : `${fromGit.length} files`,
  );

  checkVersion(project, label, env);
  serveAndCheckContract(project, label, env);
  writeFileSync(join(project, "spec.yaml"), JSON.stringify(freshSpec(), null, 2));
  serveAndCheckContract(project, label, env, USER_SPEC);
  checkNodeImport(project, label, ["node"], env);
}

/**
 * The environment of a user who has only the oldest Node the package claims, and the npm that
 * Node ships: both installed into a folder of their own, first on PATH; every node_modules/.bin
 * (this repository's Node 24 among them) and npm's script variables taken away.
 */
function minimumNodeOnly(): NodeJS.ProcessEnv | undefined {
  const npmVersion = NPM_SHIPPED_WITH[MINIMUM_NODE_VERSION];
  if (!npmVersion) {
    record(
      `the npm that Node ${MINIMUM_NODE_VERSION} ships is known`,
      false,
      "add it to NPM_SHIPPED_WITH in scripts/consumer-test.ts (nodejs.org/dist/index.json lists it)",
    );
    return undefined;
  }
  const toolchain = join(work, `node-${MINIMUM_NODE_VERSION}`);
  mkdirSync(toolchain);
  writeFileSync(
    join(toolchain, "package.json"),
    `${JSON.stringify({ private: true, allowScripts: { node: true } })}\n`,
  );
  npm(toolchain, ["install", `node@${MINIMUM_NODE_VERSION}`, `npm@${npmVersion}`]);
  const path = (process.env.PATH ?? "")
    .split(":")
    .filter((dir) => dir && !dir.endsWith("/node_modules/.bin") && !dir.includes("node-gyp-bin"));
  const env: NodeJS.ProcessEnv = {
    PATH: [join(toolchain, "node_modules/.bin"), ...path].join(":"),
  };
  for (const key of Object.keys(process.env)) {
    if (/^npm_/i.test(key) || key === "NODE" || key === "INIT_CWD") env[key] = undefined;
  }
  return env;
}

function checkVersion(project: string, label: string, env: NodeJS.ProcessEnv = {}): void {
  const version = run(project, "npx", ["login-mock", "--version"], env);
  record(
    `${label}: npx login-mock --version prints ${VERSION}`,
    version.status === 0 && version.stdout.trim() === VERSION,
    version.status === 0
      ? version.stdout.trim()
      : `exit ${version.status}\n${tail(version.output, 10)}`,
  );
}

/** `import("login-mock/node")` from the project, on the Node `node` names there. */
function checkNodeImport(
  project: string,
  label: string,
  node: string[],
  env: NodeJS.ProcessEnv = {},
): void {
  const [command = "node", ...prefix] = node;
  const imported = run(
    project,
    command,
    [
      ...prefix,
      "--input-type=module",
      "-e",
      'const { server } = await import("login-mock/node"); console.log(process.version, typeof server.listen);',
    ],
    env,
  );
  record(
    `${label}: import("login-mock/node") works`,
    imported.status === 0 && imported.stdout.trim() === `v${MINIMUM_NODE_VERSION} function`,
    imported.status === 0
      ? imported.stdout.trim()
      : `exit ${imported.status}\n${tail(imported.output, 10)}`,
  );
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** What `serve` starts and what `contract` then checks: a preset, or a user's spec file. */
interface ServeTarget {
  readonly name: string;
  readonly serve: readonly string[];
  readonly contract: readonly string[];
}

const SEAMLESS_PRESET: ServeTarget = {
  name: "the seamless preset",
  serve: ["seamless"],
  contract: [
    "seamless",
    "--identity",
    "user@example.com",
    "--secret",
    "securePassword123",
    "--challenge",
    "any",
  ],
};

/** A user's own login spec, written into the project: no preset knows it. */
const USER_SPEC: ServeTarget = {
  name: "a user's own spec (./spec.yaml)",
  serve: ["./spec.yaml"],
  contract: ["./spec.yaml", "--identity", "quill", "--secret", "ink-and-paper"],
};

function serveAndCheckContract(
  project: string,
  label: string,
  env: NodeJS.ProcessEnv = {},
  target: ServeTarget = SEAMLESS_PRESET,
): void {
  // The banner goes to a file: this script waits synchronously, so it reads no pipes meanwhile.
  const bannerFile = join(project, "serve.log");
  const out = openSync(bannerFile, "w");
  const server: ChildProcess = spawn(
    "npx",
    ["login-mock", "serve", ...target.serve, "--port", "0", "--log", "off"],
    {
      cwd: project,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  closeSync(out);
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  let banner = "";
  while (!url && Date.now() < deadline) {
    banner = readFileSync(bannerFile, "utf8");
    url = banner.match(/(?:GET|POST|PUT|PATCH|DELETE) (http:\/\/127\.0\.0\.1:\d+)\//)?.[1];
    if (!url) spawnSync("sleep", ["0.2"]);
  }
  record(
    `${label}: npx login-mock serve starts ${target.name}`,
    url !== undefined,
    url ?? tail(banner, 10),
  );
  if (url) {
    check(
      `${label}: npx login-mock contract passes against ${target.name}`,
      project,
      "npx",
      ["login-mock", "contract", ...target.contract, "--base-url", url, "--require-all"],
      env,
    );
  }
  // npx runs the CLI in a child of its own: end the whole process group we started.
  if (server.pid) process.kill(-server.pid, "SIGTERM");
}

function findOldNode(): { path: string; version: string } | undefined {
  for (const candidate of ["/usr/bin/node", "/usr/local/bin/node"]) {
    const result = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    const version = result.stdout?.trim().replace(/^v/, "");
    if (result.status !== 0 || !version) continue;
    const [major = 0, minor = 0] = version.split(".").map(Number);
    const [needMajor = 0, needMinor = 0] = MINIMUM_NODE_VERSION.split(".").map(Number);
    if (major < needMajor || (major === needMajor && minor < needMinor))
      return { path: candidate, version };
  }
  return undefined;
}

function tsconfig(resolution: "nodenext" | "bundler"): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: "es2023",
        lib: ["es2023", "dom", "dom.iterable"],
        module: resolution === "nodenext" ? "nodenext" : "esnext",
        moduleResolution: resolution,
        types: ["node"],
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files: ["uses-every-export.ts"],
    },
    null,
    2,
  )}\n`;
}

function readAll(dir: string): string {
  let text = "";
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  return text;
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`[consumer] README has no ${start} … ${end} section`);
  return text.slice(from + start.length, to).trim();
}

function firstLine(text: string, containing: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.includes(containing))
      ?.trim() ?? tail(text, 5)
  );
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** Uses something from every export, the way an app and its tests would. */
const EVERY_EXPORT = `import { Faker, en } from "@faker-js/faker";
import { createHandlers, createLoginMock, forceScenario, isScenarioName, type LoginMock, SCENARIOS, type Variant } from "login-mock";
import { startWorker, worker } from "login-mock/browser";
import { buildSeamlessUserConfig, buildTalkStackUser } from "login-mock/fixtures";
import { defaultMock, readLoginSpec, server } from "login-mock/node";
import { type LoginApi, loginApiFromDocument } from "login-mock/spec";
import type { SeamlessResponse, SeamlessResponseBody, TalkStackResponseBody, TalkStackUser } from "login-mock/types";
import { expect, test } from "login-mock/playwright";
import { loginMockDecorator, loginMockLoader } from "login-mock/storybook";

const mock: LoginMock = createLoginMock({ seed: 7 });
const variant: Variant = "seamless";
export const handlers = [...createHandlers(mock), ...forceScenario(variant, "recaptcha-failed")];
export const names: string[] = SCENARIOS.map((scenario) => scenario.name);
export const own: Promise<LoginMock> = readLoginSpec("./spec.yaml").then((api: LoginApi) =>
  createLoginMock({ apis: [api, loginApiFromDocument({ openapi: "3.1.0" }, "inline")] }),
);
export const started: Promise<unknown> = worker.start({ quiet: true });
export const withPanel: Promise<unknown> = startWorker({ quiet: true, panel: true });
// .storybook/preview.ts: every story in a mock session of its own, set up before it renders.
export const preview = {
  loaders: [loginMockLoader({ quiet: true })],
  decorators: [loginMockDecorator],
  parameters: { loginMock: { scenario: "server-error", times: 1, clock: { advance: "25h" } } },
};
test("forces a scenario in this test's session", async ({ loginMock }) => {
  await loginMock.force("server-error", { times: 2 });
  await loginMock.clock.advance("25h");
  expect((await loginMock.requests()).length).toBe(0);
});
server.listen();
defaultMock.reset();

const faker = new Faker({ locale: en, seed: 1 });
export const user: TalkStackUser = buildTalkStackUser(faker, { name: "Ada" });
export const config = buildSeamlessUserConfig(faker);
export const notFound: TalkStackResponseBody<404> = { status: "error", message: "User not found", loginStatus: 3 };
export const failed: SeamlessResponseBody<422> = { status: "failed", data: "Auth Failed", message: "" };
// @ts-expect-error: a 404 body needs loginStatus, and the types know it.
export const wrong: TalkStackResponseBody<404> = { status: "error", message: "x" };
// @ts-expect-error: a misspelt scenario does not compile.
export const typo = forceScenario("seamless", "recapcha-failed");
export function read(res: SeamlessResponse, name: string): unknown {
  if (isScenarioName("seamless", name)) forceScenario("seamless", name);
  return res.status === 401 ? res.body.data : undefined;
}
`;

/** A Vite app's entry: the worker starts in development only, as the README shows. */
const VITE_MAIN = `async function start(): Promise<void> {
  if (import.meta.env.DEV) {
    const { worker } = await import("login-mock/browser");
    await worker.start({ quiet: true });
  }
  const response = await fetch("https://seamless-sandbox-dev-cm.oriserve.com/auth/login", { method: "POST" });
  document.querySelector("#app")!.textContent = String(response.status);
}
void start();
`;

main();
