/**
 * How this project runs Prism: its CLI script (resolved from node_modules, run with our Node)
 * and the arguments of `prism mock` on one of our specs. The proxy command, the benchmark and
 * the tests all start it this way.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export function prismScript(): string {
  const manifest = createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json");
  return join(dirname(manifest), "dist", "index.js");
}

/** `prism mock <spec>` on loopback, silent: a second implementation of the spec. */
export function prismMockArgs(specFile: string, port: number): string[] {
  return ["mock", specFile, "-h", "127.0.0.1", "-p", String(port), "-v", "silent"];
}
