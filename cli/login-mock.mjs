#!/usr/bin/env node
// The `login-mock` command. Plain JavaScript so that an old Node reaches the version guard
// (with a message that says what to do) instead of failing to load TypeScript.
import { existsSync } from "node:fs";
import module from "node:module";
import "../scripts/require-node.mjs";

// V8 keeps the bundle's compiled code in the OS temp folder: every start after the first skips
// ~40 ms of parsing a 2 MB file.
module.enableCompileCache?.();

// The bundle (`npm run build`; npm start and npm test rebuild it) starts in a fraction of the
// time the TypeScript sources take; the sources are the fallback before the first build.
const bundle = new URL("../dist/login-mock.mjs", import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { main } = await import("./main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
