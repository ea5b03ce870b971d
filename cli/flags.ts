/**
 * Flag parsing shared by every command: `node:util` parseArgs, an environment variable for each
 * flag (`--token-ttl` ↔ `LOGIN_MOCK_TOKEN_TTL`), and one-line errors with exit code 2 that name
 * what the user actually wrote: the nearest flag for a typo, the variable for a value from the
 * environment.
 */
import { parseArgs } from "node:util";
import { closestName } from "./closest-name.ts";

export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly help: string;
  /** Shown in --help as the value's placeholder. */
  readonly value?: string;
  /** The environment variable, when not the default LOGIN_MOCK_<NAME>. */
  readonly env?: string | false;
}

export class UsageError extends Error {}

/**
 * For each command, the flags whose value came from the environment in its last parse, with the
 * variable: `badFlag` blames `LOGIN_MOCK_PORT`, not a `--port` the user never typed. Kept here
 * rather than passed along so every command's checks get it without threading it through.
 */
const fromEnvironment = new Map<string, Map<string, string>>();

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
  return parseCommand(command, argv, specs, env, false).flags;
}

/**
 * Parsed flags as `parseFlags` gives them, and the arguments that are not flags (spec files,
 * preset ids), in order; `positionals: false` refuses any.
 */
export function parseCommand(
  command: string,
  argv: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
  env: NodeJS.ProcessEnv = process.env,
  positionals = true,
): { flags: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]),
      ),
      strict: true,
      allowPositionals: positionals,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `[login-mock] ${command}: ${message.replace(/\.$/, "")}.${suggestion(error, Object.keys(specs))} Run \`login-mock ${command} --help\`.`,
    );
  }
  const values: Record<string, string | boolean | undefined> = {};
  const sources = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    const fromArgs = parsed.values[name] as string | boolean | undefined;
    const variable = envName(name, spec);
    const fromEnv = variable === undefined ? undefined : env[variable];
    const usesEnv = fromArgs === undefined && fromEnv !== undefined && fromEnv !== "";
    if (usesEnv && variable !== undefined) sources.set(name, variable);
    values[name] =
      fromArgs ??
      (!usesEnv
        ? undefined
        : spec.type === "boolean"
          ? fromEnv === "true" || fromEnv === "1"
          : fromEnv);
  }
  fromEnvironment.set(command, sources);
  return { flags: values, positionals: parsed.positionals };
}

/** ` Did you mean --port?` for an unknown option close to a known one, else nothing. */
function suggestion(error: unknown, known: readonly string[]): string {
  if ((error as { code?: unknown }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return "";
  const typed = /'-{1,2}([^'=]+)/.exec((error as Error).message)?.[1];
  const flag = typed === undefined ? undefined : closestName(typed, [...known, "help"]);
  return flag === undefined ? "" : ` Did you mean --${flag}?`;
}

/**
 * How the user gave a flag's value: `--port`, or `LOGIN_MOCK_PORT` when the last parse of this
 * command read it from the environment.
 */
export function flagSource(command: string, flag: string): string {
  return fromEnvironment.get(command)?.get(flag) ?? `--${flag}`;
}

/**
 * A one-line error naming the flag, or the environment variable its value came from, and the
 * values it accepts.
 */
export function badFlag(
  command: string,
  flag: string,
  value: string,
  accepted: string,
): UsageError {
  const variable = fromEnvironment.get(command)?.get(flag);
  if (variable !== undefined) {
    return new UsageError(
      `[login-mock] ${command}: the environment variable ${variable}="${value}" (read for --${flag}) is not valid; accepted: ${accepted}. Fix or unset ${variable}.`,
    );
  }
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
