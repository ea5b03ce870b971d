/**
 * `login-mock <command>`: the CLI's entry. Usage errors print one line and exit 2; anything
 * else that fails prints its message (never a stack trace for a known problem) and exits 1.
 */

import { PortInUseError } from "../server/start-servers.ts";
import { UsageError } from "./flags.ts";
import { listScenarios, SCENARIOS_HELP } from "./scenarios.ts";
import { SERVE_HELP, serve } from "./serve.ts";

const MAIN_HELP = `Usage: login-mock <command> [flags]

Mock servers and contract tests for the TalkStack and Seamless POST /auth/login APIs.

Commands:
  serve       Serve both APIs on loopback (what \`npm start\` runs).
  scenarios   List every scenario and how to force or reach it.

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
      default:
        throw new UsageError(
          `[login-mock] Unknown command "${command}". Commands: serve, scenarios. Run \`login-mock --help\`.`,
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
