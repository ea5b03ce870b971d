/**
 * Which login APIs a command works on, from its arguments: each is a spec file (a path ending
 * in .yaml, .yml or .json, or any existing file) or the id of a built-in preset; none means
 * every preset. `--variant ID|all` is the older way to name presets (arguments override it
 * from the environment, `LOGIN_MOCK_VARIANT`). A spec that cannot be read is a usage error
 * (exit 2) that names the file, the JSON pointer and the fix, and nothing starts. Spec files are read by openapi/read-login-spec.ts, imported only when one is named:
 * serving the presets never loads Ajv's compiler.
 */
import { statSync } from "node:fs";
import type { LoginApi } from "../openapi/login-api.ts";
import { builtInApis } from "../presets/index.ts";
import { closestName } from "./closest-name.ts";
import { badFlag, flagSource, UsageError } from "./flags.ts";

export type ApiSource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "preset"; readonly api: LoginApi };

const SPEC_EXTENSION = /\.(ya?ml|json)$/i;

/** The built-in presets' ids, read from their specs. */
export function presetIds(): string[] {
  return builtInApis().map((api) => api.id);
}

/**
 * Each argument as a spec file or a preset: a spec extension makes it a file, then a preset's
 * id a preset (write `./talk` for a file named like one), then an existing file a file.
 */
export function apiSources(command: string, args: readonly string[]): ApiSource[] {
  return args.map((arg) => {
    if (SPEC_EXTENSION.test(arg)) return { kind: "file", path: arg };
    const preset = builtInApis().find((api) => api.id === arg);
    if (preset) return { kind: "preset", api: preset };
    if (isFile(arg)) return { kind: "file", path: arg };
    const near = closestName(arg, presetIds());
    throw new UsageError(
      `[login-mock] ${command}: "${arg}" is neither a spec file (a path ending in .yaml, .yml or .json, or an existing file) nor a built-in preset (${presetIds().join(", ")}).${near ? ` Did you mean ${near}?` : ""}`,
    );
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads every spec file among `sources`, by path. A spec that fails is a UsageError. */
export async function readSpecFiles(sources: readonly ApiSource[]): Promise<Map<string, LoginApi>> {
  const paths = [
    ...new Set(sources.flatMap((source) => (source.kind === "file" ? [source.path] : []))),
  ];
  const read = new Map<string, LoginApi>();
  if (paths.length === 0) return read;
  const { readLoginSpec } = await import("../openapi/read-login-spec.ts");
  const { LoginSpecError } = await import("../openapi/login-spec-error.ts");
  for (const path of paths) {
    try {
      read.set(path, await readLoginSpec(path));
    } catch (error) {
      if (error instanceof LoginSpecError) throw new UsageError(error.message);
      throw error;
    }
  }
  return read;
}

/**
 * The APIs a command works on: its arguments' (spec files already read into `specs`), else
 * the presets `--variant` names (`all`, or no flag: every one). A preset or file named twice
 * is served once.
 */
export function chooseApis(
  command: string,
  args: readonly string[],
  variant: string | boolean | undefined,
  specs: ReadonlyMap<string, LoginApi>,
): LoginApi[] {
  if (args.length > 0) {
    // Arguments override a LOGIN_MOCK_VARIANT default, as flags override the environment.
    if (variant !== undefined && flagSource(command, "variant") === "--variant") {
      throw new UsageError(
        `[login-mock] ${command}: name the APIs either as arguments or with --variant, not both (--variant ${String(variant)} with ${args.join(" ")}).`,
      );
    }
    const apis = apiSources(command, args).map((source) => {
      if (source.kind === "preset") return source.api;
      const api = specs.get(source.path);
      if (!api) throw new Error(`[login-mock] ${command}: ${source.path} was not read first.`);
      return api;
    });
    return withDistinctIds(command, [...new Set(apis)]);
  }
  const text = variant === undefined ? "all" : String(variant);
  if (text === "all") return [...builtInApis()];
  const preset = builtInApis().find((api) => api.id === text);
  if (!preset) throw badFlag(command, "variant", text, [...presetIds(), "all"].join(", "));
  return [preset];
}

/** `apis`, when no two share an id (each id names one API in flags, URLs and the control API). */
function withDistinctIds(command: string, apis: LoginApi[]): LoginApi[] {
  const seen = new Map<string, LoginApi>();
  for (const api of apis) {
    const other = seen.get(api.id);
    if (other) {
      throw new UsageError(
        `[login-mock] ${command}: ${other.source} and ${api.source} both have the id "${api.id}". Give one of them another \`x-login-mock.id\`.`,
      );
    }
    seen.set(api.id, api);
  }
  return apis;
}
