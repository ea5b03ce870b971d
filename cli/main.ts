/**
 * `login-mock <command>`: the CLI's entry. Usage errors print one line and exit 2; anything
 * else that fails prints its message (never a stack trace for a known problem) and exits 1.
 *
 * Each command's module is imported only when that command runs: `serve` (what `npm start`
 * runs) never loads Ajv or fast-check, which only `contract` needs, and starts sooner for it.
 */

import { closestName } from "./closest-name.ts";
import { UsageError } from "./flags.ts";

const COMMANDS = ["serve", "scenarios", "contract", "proxy"] as const;

const MAIN_HELP = `Usage: login-mock <command> [flags]

Mock servers and contract tests for login APIs, from their OpenAPI specs: your own spec
files, or the built-in presets.

Commands:
  serve       Serve login APIs on loopback, one port each (\`npm start\` serves the presets).
  scenarios   List every scenario and how to force or reach it.
  contract    Check a live server (any base URL) against the spec.
  proxy       Prism's validation proxy on a spec, in front of a real server (needs
              @stoplight/prism-cli).

Run \`login-mock <command> --help\` for a command's flags, \`login-mock --version\` for the version.
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  try {
    switch (command) {
      case undefined:
        // No command is a usage error: the help goes to stderr, so a script that forgot the
        // command fails instead of going on as if something had run.
        process.stderr.write(MAIN_HELP);
        return 2;
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(MAIN_HELP);
        return 0;
      case "--version":
      case "-v":
        return print(`${await packageVersion()}\n`);
      case "serve": {
        const { serveHelp, serve } = await import("./serve.ts");
        if (wantsHelp) return print(serveHelp());
        const { ListenError } = await import("../server/start-servers.ts");
        // Listening for the signal before the banner is printed: a script that stops the
        // server as soon as it reads the banner still gets a clean stop, not Node's default.
        const stopped = waitForSignal();
        const running = await serve(rest).catch((error: unknown) => {
          if (!(error instanceof ListenError)) throw error;
          process.stderr.write(`${error.message}\n`);
        });
        if (!running) return 1;
        await stopped;
        process.stdout.write("[login-mock] stopping…\n");
        await running.close();
        return 0;
      }
      case "scenarios": {
        const { listScenarios, SCENARIOS_HELP } = await import("./scenarios.ts");
        return print(wantsHelp ? SCENARIOS_HELP : await listScenarios(rest));
      }
      case "contract": {
        const { CONTRACT_HELP, contract } = await import("./contract.ts");
        return wantsHelp ? print(CONTRACT_HELP) : await contract(rest);
      }
      case "proxy": {
        const { PROXY_HELP, proxy } = await import("./proxy.ts");
        return wantsHelp ? print(PROXY_HELP) : await proxy(rest);
      }
      default: {
        const near = closestName(command, COMMANDS);
        const hint = command.startsWith("-")
          ? ` The command comes first, as in \`login-mock serve ${command} …\`.`
          : near
            ? ` Did you mean ${near}?`
            : "";
        throw new UsageError(
          `[login-mock] Unknown command "${command}".${hint} Commands: ${COMMANDS.join(", ")}. Run \`login-mock --help\`.`,
        );
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * The version in package.json. A JSON import, so the build bakes it into dist/cli (as a chunk
 * loaded only here): the command prints the version it was built from wherever it is installed.
 */
async function packageVersion(): Promise<string> {
  const manifest = await import("../package.json", { with: { type: "json" } });
  return manifest.default.version;
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
