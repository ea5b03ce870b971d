/**
 * Starts `login-mock serve` as a child process on free ports, as your CI would, and reads the
 * two URLs from its banner. In your project the command is `npx login-mock serve --port 0`;
 * here it runs this repository's sources.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface LoginMockServer {
  readonly talkstack: string;
  readonly seamless: string;
  stop(): Promise<void>;
}

const BANNER_URL = /(talkstack|seamless)\s+POST (http:\/\/\S+)\/auth\/login/g;

export async function startLoginMockServer(): Promise<LoginMockServer> {
  // --port 0 picks free ports, so parallel CI jobs on one machine never collide;
  // --log off keeps the test output for the tests.
  const child = spawn(process.execPath, ["cli/run.ts", "serve", "--port", "0", "--log", "off"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => fail("did not print its URLs within 15 s"), 15_000);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`[e2e] login-mock serve ${why}. Its output:\n${output}`));
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = Object.fromEntries([...output.matchAll(BANNER_URL)].map((m) => [m[1], m[2]]));
      if (found.talkstack && found.seamless) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => fail(`exited early (code ${code})`));
  });
  child.removeAllListeners("exit");
  return {
    talkstack: urls.talkstack ?? "",
    seamless: urls.seamless ?? "",
    stop: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}
