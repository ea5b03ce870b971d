/**
 * `login-mock proxy`: Prism's validation proxy on our spec, in front of a real server. Traffic
 * passes through unchanged; each request and response that breaks the spec is logged by Prism
 * (and marked in an `sl-violations` response header), so a developer or QA engineer sees
 * contract drift live.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isVariant } from "../openapi/documents.ts";
import { badFlag, integerFlag, parseFlags, renderHelp, UsageError } from "./flags.ts";
import { prismScript } from "./prism.ts";

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
    help: "Port to listen on (default 4020 for talkstack, 4021 for seamless).",
  },
  host: { type: "string", value: "H", help: "Address to bind (default 127.0.0.1)." },
  errors: {
    type: "boolean",
    help: "Answer a violating exchange with an error instead of passing it through.",
  },
} as const;

export const PROXY_HELP = renderHelp(
  "login-mock proxy --variant talkstack|seamless --upstream URL [flags]",
  "Starts `prism proxy` on the variant's spec: point your app at it and watch violations in the log.",
  PROXY_FLAGS,
);

export function proxyArguments(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const flags = parseFlags("proxy", argv, PROXY_FLAGS, env);
  const variant = flags.variant === undefined ? undefined : String(flags.variant);
  if (variant === undefined)
    throw new UsageError("[login-mock] proxy: --variant is required (talkstack or seamless).");
  if (!isVariant(variant)) throw badFlag("proxy", "variant", variant, "talkstack, seamless");
  const upstream = flags.upstream === undefined ? undefined : String(flags.upstream);
  if (!upstream || !URL.canParse(upstream))
    throw badFlag("proxy", "upstream", upstream ?? "", "an http:// or https:// URL");
  const port =
    integerFlag("proxy", "port", flags.port, 1, 65535) ?? (variant === "talkstack" ? 4020 : 4021);
  const host = String(flags.host ?? "127.0.0.1");
  const root = fileURLToPath(new URL("..", import.meta.url));
  return [
    "proxy",
    // From the package root, not import.meta of openapi/: this file is bundled into dist/.
    join(root, "openapi", `${variant}.yaml`),
    upstream,
    "-h",
    host,
    "-p",
    String(port),
    ...(flags.errors === true ? ["--errors"] : []),
  ];
}

export async function proxy(argv: readonly string[]): Promise<number> {
  const args = proxyArguments(argv);
  const prism = prismScript();
  process.stdout.write(`[login-mock] prism ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prism, ...args], { stdio: "inherit" });
    child.once("error", reject);
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => child.kill(signal));
    child.once("exit", (code) => resolve(code ?? 0));
  });
}
