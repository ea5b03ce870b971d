/** Runs the `login-mock` CLI as a child process, the way a user would. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";

const CLI = "cli/login-mock.mjs";

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `login-mock serve …` and resolves once its banner lists every URL. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; urls: string[]; output: () => string }> {
  const child = spawn(process.execPath, [CLI, "serve", ...args], {
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
        const urls = [...output.matchAll(/POST (http:\/\/\S+)\/auth\/login/g)].map(
          (m) => m[1] ?? "",
        );
        resolve({ child, urls, output: () => output });
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
