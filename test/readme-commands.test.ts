/**
 * Every `sh` block of README.md and docs/*.md, as a reader would paste it. The blocks that talk
 * to a mock (curl, `npx login-mock scenarios`, `npx login-mock contract` against the mock,
 * `npx msw init`) run against real servers on free ports: only the ports change. The rest start
 * long-running servers, run the whole suite or the benchmark, or install packages; for those,
 * each command is checked instead: an npm script it names exists, the `login-mock` flags it
 * passes parse, a tarball it installs is the one `npm pack` writes. A block that is neither run
 * here nor made only of such commands fails the last test, so a new block needs a test.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CONTRACT_FLAGS, parseContractOptions } from "../cli/contract.ts";
import { parseScenariosFlags } from "../cli/scenarios.ts";
import { parseServeFlags } from "../cli/serve.ts";
import { readLoginSpec } from "../openapi/read-login-spec.ts";
import { docFiles } from "../scripts/readme-sections.ts";
import { useHttpServers } from "./support/http-servers.ts";

interface ShellBlock {
  readonly file: string;
  /** The text just before the block, to name it in failures. */
  readonly after: string;
  readonly script: string;
  readonly offset: number;
}

const REPO = resolve(".");
const PACKAGE = JSON.parse(readFileSync("package.json", "utf8")) as {
  name: string;
  version: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

const BLOCKS: readonly ShellBlock[] = docFiles().flatMap((file) => {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => ({
    file,
    after: text.slice(Math.max(0, match.index - 80), match.index).trim(),
    script: match[1] ?? "",
    offset: match.index,
  }));
});

/** The blocks a test below runs. */
const run = new Set<ShellBlock>();

/** The first sh block after `marker` in `file`, marked as run. */
function blockAfter(file: string, marker: string): ShellBlock {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(marker);
  if (start === -1) throw new Error(`${file} no longer contains "${marker}"`);
  const block = BLOCKS.find((candidate) => candidate.file === file && candidate.offset > start);
  if (!block) throw new Error(`${file} has no sh block after "${marker}"`);
  run.add(block);
  return block;
}

/** A block's commands: continuation lines joined, comments dropped, split at `&&`, `&`, `;`. */
function commandsOf(script: string): string[][] {
  return script
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/\s*(?:&&|;|&)\s*/))
    .filter(Boolean)
    .map((command) =>
      [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? ""),
    );
}

/**
 * Why `words` is fine without running it, or a problem. Environment assignments in front are
 * passed to the flag parser, as the shell would pass them.
 */
/** The docs' own spec file (`./my-login.yaml`) stands for the example API in examples/specs/. */
const EXAMPLE_API = await readLoginSpec("examples/specs/oauth-password.yaml");
function specsNamedIn(words: readonly string[]) {
  return new Map(
    words.filter((word) => /\.(ya?ml|json)$/.test(word)).map((word) => [word, EXAMPLE_API]),
  );
}

function checkCommand(words: readonly string[]): string | undefined {
  const env: Record<string, string> = {};
  let rest = [...words];
  while (rest[0] && /^[A-Z_][A-Z0-9_]*=/.test(rest[0])) {
    const [name = "", ...value] = rest[0].split("=");
    env[name] = value.join("=");
    rest = rest.slice(1);
  }
  const [tool, command, ...args] = rest;
  const line = words.join(" ");
  if (tool === "cd") return undefined;
  if (tool === "npm") {
    if (command === "run") {
      const script = args[0] ?? "";
      return script in PACKAGE.scripts ? undefined : `\`${line}\`: no npm script "${script}"`;
    }
    if (command === "test" || command === "start")
      return command in PACKAGE.scripts ? undefined : `\`${line}\`: no npm script "${command}"`;
    if (command === "ci" || command === "pack" || (command === "install" && args.length === 0))
      return undefined;
    if (command === "install") {
      const tarball = args.find((arg) => arg.endsWith(".tgz"));
      const expected = `${PACKAGE.name}-${PACKAGE.version}.tgz`;
      if (tarball && !tarball.endsWith(`/${expected}`))
        return `\`${line}\`: npm pack writes ${expected}`;
      // A git URL needs the network: the consumer test (npm run test:consumer) installs the
      // packed tarball the same way.
      return undefined;
    }
  }
  // The documented way to type a user's spec; run on the example spec by spec-types.test.ts.
  if (tool === "npx" && command === "openapi-typescript")
    return "openapi-typescript" in PACKAGE.devDependencies
      ? undefined
      : `\`${line}\`: openapi-typescript is not a devDependency, so no test runs it`;
  if (tool === "npx" && command === "login-mock") {
    const [sub, ...flags] = args;
    try {
      if (sub === "serve") parseServeFlags(flags, env);
      else if (sub === "scenarios") parseScenariosFlags(flags, env);
      else if (sub === "contract") parseContractOptions(flags, env, specsNamedIn(flags));
      else return `\`${line}\`: run \`login-mock ${sub}\` in a test instead`;
    } catch (error) {
      return `\`${line}\`: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
  }
  return `\`${line}\`: neither run by a test nor a command this test knows how to check`;
}

describe("the docs' commands", () => {
  const servers = useHttpServers();
  // Asynchronous: the servers answer from this same process. `npx login-mock` is this
  // repository's CLI from its sources, `npx msw` the installed msw.
  const runBlock = async (block: ShellBlock, cwd = mkdtempSync(join(tmpdir(), "docs-"))) => {
    const ported = block.script
      .replaceAll("http://127.0.0.1:4010", servers.url("talkstack"))
      .replaceAll("http://127.0.0.1:4011", servers.url("seamless"));
    const prelude = [
      `npx() { case "$1" in`,
      `  login-mock) shift; "${process.execPath}" "${REPO}/cli/run.ts" "$@" ;;`,
      `  msw) shift; "${REPO}/node_modules/.bin/msw" "$@" ;;`,
      `  *) echo "npx $1 is not available in this test" >&2; return 127 ;;`,
      "esac; }",
    ].join("\n");
    const { stdout } = await promisify(execFile)(
      "bash",
      ["-euo", "pipefail", "-c", `${prelude}\n${ported}`],
      { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    return { output: stdout, cwd };
  };

  it("log in with the vendor's curl example and keep the httpOnly cookie in the jar", async () => {
    const block = blockAfter("docs/qa.md", "The vendors' own examples work unchanged");
    const { output, cwd } = await runBlock(block);
    expect(output).toContain('"status":"success"');
    expect(output).toContain('"loginStatus":3');
    expect(readFileSync(join(cwd, "cookies.txt"), "utf8")).toMatch(
      /^#HttpOnly_127\.0\.0\.1\t.*\ttoken\teyJ/m,
    );
  });

  it("set a scenario and reset through the control API", async () => {
    const block = blockAfter("docs/qa.md", "| `POST /__mock/reset` |");
    const { output } = await runBlock(block);
    expect(output).toContain(
      '{"variant":"seamless","session":"default","scenario":"recaptcha-failed","apis":{"talkstack":null,"seamless":"recaptcha-failed"}}',
    );
    expect(output).toContain('{"reset":"session","session":"default"}');
    expect(servers.mock.scenario("seamless")).toBeNull();
    // The answers the page shows under the block are the ones the server gave (curl adds no
    // newline between them).
    const page = readFileSync("docs/qa.md", "utf8");
    const shown = /^```json\n([\s\S]*?)^```$/m.exec(page.slice(block.offset))?.[1] ?? "";
    expect(shown.trim().split("\n").join("")).toBe(output.trim());
  });

  it("queue a counted scenario through the control API", async () => {
    const block = blockAfter("docs/qa.md", "Counted scenarios: add");
    const { output } = await runBlock(block);
    expect(servers.mock.pending("seamless")).toEqual({ name: "server-error", remaining: 2 });
    const page = readFileSync("docs/qa.md", "utf8");
    const shown = /^```json\n([\s\S]*?)^```$/m.exec(page.slice(block.offset))?.[1] ?? "";
    expect(shown.trim()).toBe(output.trim());
    await fetch(`${servers.url("seamless")}/__mock/reset`, { method: "POST" });
    expect(servers.mock.pending("seamless")).toBeNull();
  });

  it("give one session's account its own outcome through the control API", async () => {
    const block = blockAfter("docs/qa.md", '`mock.session("qa-ana").addAccounts([...])`');
    const { output } = await runBlock(block);
    const page = readFileSync("docs/qa.md", "utf8");
    const shown = /^```json\n([\s\S]*?)^```$/m.exec(page.slice(block.offset))?.[1] ?? "";
    expect(shown.trim().split("\n").join("")).toBe(output.trim());
    expect(servers.mock.session("qa-ana").accounts()).toHaveLength(1);
    expect(servers.mock.session().accounts()).toEqual([]);
    await fetch(`${servers.url("seamless")}/__mock/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ allSessions: true }),
    });
  });

  it("shows the control API's health and scenario answers as the server gives them", async () => {
    const page = readFileSync("docs/qa.md", "utf8");
    const shownIn = (row: string) => {
      const line = page.split("\n").find((text) => text.startsWith(`| \`${row}`)) ?? "";
      const json = /`(\{"[^`]*\})`/.exec(line)?.[1];
      if (!json) throw new Error(`docs/qa.md: the row for ${row} shows no JSON answer`);
      return JSON.parse(json);
    };
    await fetch(`${servers.url("seamless")}/__mock/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ allSessions: true }),
    });
    const get = async (path: string) => (await fetch(`${servers.url("seamless")}${path}`)).json();
    expect(await get("/__mock/health")).toEqual(shownIn("GET /__mock/health"));
    expect(await get("/__mock/scenario")).toEqual(shownIn("GET /__mock/scenario?"));
  });

  it("force a scenario in one tester's session only", async () => {
    const { output } = await runBlock(blockAfter("docs/qa.md", "anonymous ([decision 7]"));
    expect(output).toContain('"session":"qa-ana","scenario":"recaptcha-failed"');
    expect(output).toContain('"data":{"message":"Login Failed!"}');
    expect(servers.mock.scenario("seamless")).toBeNull();
    await fetch(`${servers.url("seamless")}/__mock/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ allSessions: true }),
    });
  });

  it("list the catalogue and force a scenario with X-Mock-Scenario", async () => {
    const { output } = await runBlock(
      blockAfter("docs/scenarios.md", "An unknown scenario name gets"),
    );
    expect(output).toMatch(/^seamless\s+401\s+recaptcha-failed/m);
    expect(output).not.toMatch(/^talkstack/m);
    expect(output).toContain('"loginStatus":3');
  });

  it("list every scenario from the front page", async () => {
    const { output } = await runBlock(blockAfter("README.md", "Every scenario by name:"));
    expect(output).toMatch(/^talkstack\s+404\s+user-not-found/m);
    expect(output).toMatch(/^seamless\s+fault\s+network-error/m);
  });

  it("copy MSW's worker script into public/ and record the folder", async () => {
    const blocks = [
      blockAfter("README.md", "then start the worker in development only:"),
      blockAfter("docs/frontend.md", "so msw copies it again when you upgrade:"),
    ];
    for (const block of blocks) {
      expect(block.script).toMatch(/^npx msw init /);
      const cwd = mkdtempSync(join(tmpdir(), "docs-app-"));
      writeFileSync(join(cwd, "package.json"), '{ "name": "your-app", "private": true }\n');
      await runBlock(block, cwd);
      expect(readFileSync(join(cwd, "public/mockServiceWorker.js"), "utf8")).toBe(
        readFileSync("node_modules/msw/lib/mockServiceWorker.js", "utf8"),
      );
      expect(JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")).msw).toEqual({
        workerDirectory: ["public"],
      });
    }
  });

  it("check the mock itself with the contract, every documented response exercised", async () => {
    const block = blockAfter("docs/ci.md", "To see a passing run first");
    // The generic flags, not their former names.
    expect(block.script).toMatch(/--identity .+ --secret /);
    expect(block.script).not.toMatch(/--(email|password|variant|recaptcha)\b/);
    const { output } = await runBlock(block);
    expect(output).toContain("Contract check: talkstack");
    expect(output).not.toMatch(/\d+ (failed|skipped)/);
    expect(output).toMatch(/✓ 403 account-not-verified ← account-answer/);
    expect(output).toContain("Contract holds.");
  }, 60_000);

  it("the CI job's contract command passes flags that parse", () => {
    const job = /^```yaml\n([\s\S]*?)^```$/m.exec(readFileSync("docs/ci.md", "utf8"))?.[1] ?? "";
    const folded = /- run: >-\n((?: {10}.+\n)+)/.exec(job)?.[1] ?? "";
    // `>-` folds the lines into one; GitHub fills in the expressions.
    const command = folded.replaceAll("\n", " ").replace(/\$\{\{[^}]*\}\}/g, "https://x.example");
    const words = commandsOf(command)[0];
    expect(words?.slice(0, 3)).toEqual(["npx", "login-mock", "contract"]);
    expect(checkCommand(words ?? [])).toBeUndefined();
    // Secrets reach it by environment, under the variables the generic flags read.
    for (const flag of ["identity", "secret", "challenge"] as const) {
      const name = CONTRACT_FLAGS[flag].env;
      expect(job).toContain(`${name}: \${{ secrets.${name} }}`);
    }
    expect(job).not.toMatch(/CONTRACT_(EMAIL|PASSWORD|RECAPTCHA)/);
  });

  it("every other block names npm scripts that exist and login-mock flags that parse", () => {
    const problems = BLOCKS.filter((block) => !run.has(block)).flatMap((block) =>
      commandsOf(block.script).flatMap((words) => {
        const problem = checkCommand(words);
        return problem
          ? [`${block.file}, the block after "…${block.after.slice(-40)}": ${problem}`]
          : [];
      }),
    );
    expect(problems).toEqual([]);
    expect(BLOCKS.length).toBeGreaterThan(run.size);
  });

  it("knows a command it cannot check from one it can", () => {
    expect(checkCommand(["npm", "run", "no-such-script"])).toMatch(/no npm script/);
    expect(checkCommand(["npx", "login-mock", "serve", "--port", "x"])).toMatch(/--port/);
    expect(checkCommand(["curl", "http://127.0.0.1:4011"])).toMatch(/neither run/);
    expect(
      checkCommand(["npm", "install", "-D", "msw", "../login-mock/login-mock-9.9.9.tgz"]),
    ).toMatch(/npm pack writes/);
    expect(commandsOf("A=1 \\\n  npx x --y 'a b' # note\nnpm start & npm run example\n")).toEqual([
      ["A=1", "npx", "x", "--y", "a b"],
      ["npm", "start"],
      ["npm", "run", "example"],
    ]);
  });
});
