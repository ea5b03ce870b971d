/**
 * How this project runs Prism: its CLI script (resolved from node_modules, run with our Node)
 * and the arguments of `prism mock` on one of our specs. The proxy command, the benchmark and
 * the tests all start it this way. Prism is an optional peer dependency: most users never run
 * the proxy, and it would add well over a hundred packages to their install.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const PRISM_PACKAGE = "@stoplight/prism-cli";

/** Prism is not installed next to login-mock; the message says how to install it. */
export class PrismMissingError extends Error {
  override readonly name = "PrismMissingError";
  constructor() {
    super(
      `[login-mock] proxy runs Prism, which is not installed (it is an optional peer dependency). Install it with \`npm install -D ${PRISM_PACKAGE}\` and run the command again.`,
    );
  }
}

/** The path of Prism's CLI script; throws `PrismMissingError` when the package is absent. */
export function prismScript(): string {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve(`${PRISM_PACKAGE}/package.json`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") throw new PrismMissingError();
    throw error;
  }
  return join(dirname(manifest), "dist", "index.js");
}

/** `prism mock <spec>` on loopback, silent: a second implementation of the spec. */
export function prismMockArgs(specFile: string, port: number): string[] {
  return ["mock", specFile, "-h", "127.0.0.1", "-p", String(port), "-v", "silent"];
}
