#!/usr/bin/env node
// The `login-mock` command. Plain JavaScript so that an old Node reaches the version guard
// (with a message that says what to do) instead of failing to load TypeScript.
import "../scripts/require-node.mjs";

const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
