/**
 * Flag parsing shared by every command: `node:util` parseArgs, an environment variable for each
 * flag (`--token-ttl` ↔ `LOGIN_MOCK_TOKEN_TTL`), and one-line errors with exit code 2.
 */
import { parseArgs } from "node:util";

export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly help: string;
  /** Shown in --help as the value's placeholder. */
  readonly value?: string;
  /** The environment variable, when not the default LOGIN_MOCK_<NAME>. */
  readonly env?: string | false;
}

export class UsageError extends Error {}

export function envName(flag: string, spec: FlagSpec): string | undefined {
  if (spec.env === false) return undefined;
  return spec.env ?? `LOGIN_MOCK_${flag.toUpperCase().replaceAll("-", "_")}`;
}

/** Parsed flags: command line first, then environment; absent flags are missing. */
export function parseFlags(
  command: string,
  argv: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string | boolean | undefined> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]),
      ),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `[login-mock] ${command}: ${message.replace(/\.$/, "")}. Run \`login-mock ${command} --help\`.`,
    );
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const fromArgs = parsed.values[name] as string | boolean | undefined;
    const variable = envName(name, spec);
    const fromEnv = variable === undefined ? undefined : env[variable];
    values[name] =
      fromArgs ??
      (fromEnv === undefined || fromEnv === ""
        ? undefined
        : spec.type === "boolean"
          ? fromEnv === "true" || fromEnv === "1"
          : fromEnv);
  }
  return values;
}

/** A one-line error naming the flag and the values it accepts. */
export function badFlag(
  command: string,
  flag: string,
  value: string,
  accepted: string,
): UsageError {
  return new UsageError(
    `[login-mock] ${command}: --${flag} "${value}" is not valid; accepted: ${accepted}.`,
  );
}

/** An integer flag within bounds, or undefined when absent. */
export function integerFlag(
  command: string,
  flag: string,
  value: string | boolean | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw badFlag(command, flag, text, `a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

/** `--help` text: usage, summary, then every flag with its environment variable. */
export function renderHelp(
  usage: string,
  summary: string,
  specs: Readonly<Record<string, FlagSpec>>,
): string {
  const lines = Object.entries(specs).map(([name, spec]) => {
    const flag = `--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const variable = envName(name, spec);
    return `  ${flag.padEnd(30)} ${spec.help}${variable ? ` [env ${variable}]` : ""}`;
  });
  return `Usage: ${usage}\n\n${summary}\n\nFlags:\n${lines.join("\n")}\n  ${"--help".padEnd(30)} Show this help.\n`;
}
