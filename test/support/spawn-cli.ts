/** Runs the `login-mock` CLI as a child process, the way a user would. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";

// The sources, not the bundle: tests always exercise the code as it is now. The built CLI is
// tested from the packed tarball by the consumer test (scripts/consumer-test.ts).
const CLI = "cli/run.ts";

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking: for commands that call servers running in this process (a
 * synchronous spawn would stop them from answering). stdout and stderr come back interleaved.
 */
export function runCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env, FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Resolves once something answers HTTP at `url` (any status); throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await (await fetch(url, { method: "OPTIONS" })).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `login-mock serve …` (the sources, or the built command `cli`) and resolves once its
 * banner lists every URL: each API's base URL, in banner order, and by API id.
 */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cli = CLI,
): Promise<{
  child: ChildProcess;
  urls: string[];
  byVariant: Partial<Record<string, string>>;
  output: () => string;
}> {
  const child = spawn(process.execPath, [cli, "serve", ...args], {
    env: { ...process.env, ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start: ${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ctrl-C stops")) {
        clearTimeout(timer);
        // Each API's line: `  <id> <METHOD> <base URL><login path>    control panel …`.
        const found = [
          ...output.matchAll(/^ {2}(\S+) +[A-Z]+ (http:\/\/[^/\s]+)\/\S*\s+control panel/gm),
        ];
        const urls = found.map((m) => m[2] ?? "");
        const byVariant = Object.fromEntries(found.map((m) => [m[1], m[2]]));
        resolve({ child, urls, byVariant, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`serve exited early: ${output}`));
    });
  });
}

/** Sends a signal to a child we started (by its PID) and waits for its exit code. */
export function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners("exit");
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}
