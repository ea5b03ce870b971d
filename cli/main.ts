/**
 * `login-mock <command>`: the CLI's entry. Usage errors print one line and exit 2; anything
 * else that fails prints its message (never a stack trace for a known problem) and exits 1.
 */

import { PortInUseError } from "../server/start-servers.ts";
import { CONTRACT_HELP, contract } from "./contract.ts";
import { UsageError } from "./flags.ts";
import { PROXY_HELP, proxy } from "./proxy.ts";
import { listScenarios, SCENARIOS_HELP } from "./scenarios.ts";
import { SERVE_HELP, serve } from "./serve.ts";

const MAIN_HELP = `Usage: login-mock <command> [flags]

Mock servers and contract tests for the TalkStack and Seamless POST /auth/login APIs.

Commands:
  serve       Serve both APIs on loopback (what \`npm start\` runs).
  scenarios   List every scenario and how to force or reach it.
  contract    Check a live server (any base URL) against the spec.
  proxy       Prism's validation proxy on the spec, in front of a real server.

Run \`login-mock <command> --help\` for a command's flags.
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(MAIN_HELP);
        return 0;
      case "serve": {
        if (wantsHelp) return print(SERVE_HELP);
        const running = await serve(rest);
        await waitForSignal();
        process.stdout.write("[login-mock] stopping…\n");
        await running.close();
        return 0;
      }
      case "scenarios":
        return print(wantsHelp ? SCENARIOS_HELP : listScenarios(rest));
      case "contract":
        return wantsHelp ? print(CONTRACT_HELP) : await contract(rest);
      case "proxy":
        return wantsHelp ? print(PROXY_HELP) : await proxy(rest);
      default:
        throw new UsageError(
          `[login-mock] Unknown command "${command}". Commands: serve, scenarios, contract, proxy. Run \`login-mock --help\`.`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof PortInUseError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
