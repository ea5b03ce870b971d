/**
 * `login-mock proxy`: Prism's validation proxy on our spec, in front of a real server. Traffic
 * passes through unchanged; each request and response that breaks the spec is logged by Prism
 * (and marked in an `sl-violations` response header), so a developer or QA engineer sees
 * contract drift live. Prism is an optional peer dependency; without it the command says how to
 * install it and exits 1.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SPEC_DOCUMENTS } from "../mocks/core/spec-documents.ts";
import { isVariant, type Variant } from "../openapi/documents.ts";
import { freePort } from "../server/free-port.ts";
import { badFlag, integerFlag, parseFlags, renderHelp, UsageError } from "./flags.ts";
import { PrismMissingError, prismScript } from "./prism.ts";

export const PROXY_FLAGS = {
  variant: {
    type: "string",
    value: "talkstack|seamless",
    help: "Which API's spec to validate against (required).",
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
  "login-mock proxy --variant talkstack|seamless --upstream URL [flags]",
  "Starts `prism proxy` on the variant's spec: point your app at it and watch violations in the log. Prism is an optional peer dependency: `npm install -D @stoplight/prism-cli`.",
  PROXY_FLAGS,
);

/**
 * Prism's arguments, with `specFile` where the variant's spec was written and `freePort` the
 * port to use when none is given: a free one, so no API needs a port of its own reserved.
 */
export function proxyArguments(
  argv: readonly string[],
  specFile: (variant: Variant) => string,
  env: NodeJS.ProcessEnv = process.env,
  freePort = 0,
): string[] {
  const flags = parseFlags("proxy", argv, PROXY_FLAGS, env);
  const variant = flags.variant === undefined ? undefined : String(flags.variant);
  if (variant === undefined)
    throw new UsageError("[login-mock] proxy: --variant is required (talkstack or seamless).");
  if (!isVariant(variant)) throw badFlag("proxy", "variant", variant, "talkstack, seamless");
  const upstream = flags.upstream === undefined ? undefined : String(flags.upstream);
  if (!upstream || !URL.canParse(upstream))
    throw badFlag("proxy", "upstream", upstream ?? "", "an http:// or https:// URL");
  const port = integerFlag("proxy", "port", flags.port, 1, 65535) ?? freePort;
  const host = String(flags.host ?? "127.0.0.1");
  return [
    "proxy",
    specFile(variant),
    upstream,
    "-h",
    host,
    "-p",
    String(port),
    ...(flags.errors === true ? ["--errors"] : []),
  ];
}

export async function proxy(argv: readonly string[]): Promise<number> {
  // The spec goes to Prism as the JSON copy bundled with the code: no path into the package
  // to get wrong, whatever the build layout.
  const scratch = mkdtempSync(join(tmpdir(), "login-mock-proxy-"));
  try {
    const args = proxyArguments(
      argv,
      (variant) => {
        const file = join(scratch, `${variant}.json`);
        writeFileSync(file, JSON.stringify(SPEC_DOCUMENTS[variant]));
        return file;
      },
      process.env,
      await freePort(),
    );
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
