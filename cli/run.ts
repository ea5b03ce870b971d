#!/usr/bin/env node
// The `login-mock` command (`bin`). It checks the Node version before loading anything else, so
// an old Node gets one line naming the version needed instead of a failure deep in a dependency.
import module from "node:module";
import { unsupportedNodeMessage } from "../mocks/supported-node.ts";

const unsupported = unsupportedNodeMessage(process.versions.node);
if (unsupported) {
  process.stderr.write(`${unsupported}\n`);
  process.exit(1);
}
// V8 keeps the compiled bundle in the OS temp folder: every start after the first skips parsing.
module.enableCompileCache?.();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
