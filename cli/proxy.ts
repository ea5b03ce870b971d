/**
 * `login-mock proxy <spec|preset>`: Prism's validation proxy on a login's spec, in front of a
 * real server. Traffic passes through unchanged; each request and response that breaks the spec
 * is logged by Prism (and marked in an `sl-violations` response header), so a developer or QA
 * engineer sees contract drift live. Prism is an optional peer dependency; without it the command says how to
 * install it and exits 1.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoginApi } from "../openapi/login-api.ts";
import { freePort } from "../server/free-port.ts";
import { apiSources, chooseApis, presetIds, readSpecFiles } from "./apis.ts";
import { badFlag, integerFlag, parseCommand, renderHelp, UsageError } from "./flags.ts";
import { PrismMissingError, prismScript } from "./prism.ts";

export const PROXY_FLAGS = {
  variant: {
    type: "string",
    value: "ID",
    help: "A built-in preset's spec to validate against, by id: the same as naming it as the argument.",
  },
  upstream: { type: "string", value: "URL", help: "The real server to forward to (required)." },
  port: {
    type: "string",
    value: "N",
    help: "Port to listen on (default: a free one, printed at start).",
  },
  host: { type: "string", value: "H", help: "Address to bind (default 127.0.0.1)." },
  errors: {
    type: "boolean",
    help: "Answer a violating exchange with an error instead of passing it through.",
  },
} as const;

export const PROXY_HELP = renderHelp(
  "login-mock proxy <spec.yaml|preset-id> --upstream URL [flags]",
  "Starts `prism proxy` on the login's spec (your spec file, or a built-in preset by id): point your app at it and watch violations in the log. Prism is an optional peer dependency: `npm install -D @stoplight/prism-cli`.",
  PROXY_FLAGS,
);

/** The spec `proxy` validates against: a file of the user's, or a built-in preset. */
export type ProxySpec =
  | { readonly kind: "file"; readonly path: string; readonly api: LoginApi }
  | { readonly kind: "preset"; readonly api: LoginApi };

/**
 * The one spec `proxy`'s arguments name (a spec file, read and checked like `serve` reads it,
 * or a preset id; `--variant ID` is the older way to name a preset). Exactly one is required.
 */
export async function proxySpec(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProxySpec> {
  const { flags, positionals } = parseCommand("proxy", argv, PROXY_FLAGS, env);
  if (positionals.length === 0 && flags.variant === undefined) {
    throw new UsageError(
      `[login-mock] proxy: name the spec to validate against: a spec file, or a built-in preset (${presetIds().join(", ")}).`,
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `[login-mock] proxy: validates against one spec; got ${positionals.length} (${positionals.join(" ")}). Start one proxy per API.`,
    );
  }
  if (flags.variant === "all") throw badFlag("proxy", "variant", "all", presetIds().join(", "));
  const sources = apiSources("proxy", positionals);
  const specs = await readSpecFiles(sources);
  const [api] = chooseApis("proxy", positionals, flags.variant, specs);
  if (!api) throw new UsageError("[login-mock] proxy: no spec to validate against.");
  const [source] = sources;
  return source?.kind === "file"
    ? { kind: "file", path: source.path, api }
    : { kind: "preset", api };
}

/**
 * Prism's arguments, with `specFile` the file Prism reads (the spec `proxySpec` found) and
 * `freePort` the port to use when none is given: a free one, so no API needs a port of its own
 * reserved.
 */
export function proxyArguments(
  argv: readonly string[],
  specFile: string,
  env: NodeJS.ProcessEnv = process.env,
  freePort = 0,
): string[] {
  const { flags } = parseCommand("proxy", argv, PROXY_FLAGS, env);
  const upstream = flags.upstream === undefined ? undefined : String(flags.upstream);
  if (!upstream || !URL.canParse(upstream))
    throw badFlag("proxy", "upstream", upstream ?? "", "an http:// or https:// URL");
  const port = integerFlag("proxy", "port", flags.port, 1, 65535) ?? freePort;
  const host = String(flags.host ?? "127.0.0.1");
  return [
    "proxy",
    specFile,
    upstream,
    "-h",
    host,
    "-p",
    String(port),
    ...(flags.errors === true ? ["--errors"] : []),
  ];
}

export async function proxy(argv: readonly string[]): Promise<number> {
  const spec = await proxySpec(argv);
  // A user's spec goes to Prism as the file itself (its messages then point into it); a preset
  // as the JSON copy bundled with the code: no path into the package to get wrong.
  const scratch = mkdtempSync(join(tmpdir(), "login-mock-proxy-"));
  try {
    let file: string;
    if (spec.kind === "file") file = spec.path;
    else {
      file = join(scratch, `${spec.api.id}.json`);
      writeFileSync(file, JSON.stringify(spec.api.document));
    }
    const args = proxyArguments(argv, file, process.env, await freePort());
    let prism: string;
    try {
      prism = prismScript();
    } catch (error) {
      if (!(error instanceof PrismMissingError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const [host, port] = [args[args.indexOf("-h") + 1], args[args.indexOf("-p") + 1]];
    process.stdout.write(
      `[login-mock] proxy on http://${host}:${port}: point your app there\n[login-mock] prism ${args.join(" ")}\n`,
    );
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [prism, ...args], { stdio: "inherit" });
      child.once("error", reject);
      for (const signal of ["SIGINT", "SIGTERM"] as const)
        process.once(signal, () => child.kill(signal));
      child.once("exit", (code) => resolve(code ?? 0));
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
