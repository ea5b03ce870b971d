/**
 * `login-mock serve` (what `npm start` runs) loads only what serving needs: each command's
 * module is imported when that command runs, so the contract harness's Ajv and fast-check stay
 * out of the server's cold start.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runCliAsync, startCli, stopChild } from "./support/spawn-cli.ts";

const recordImports = fileURLToPath(new URL("./support/record-imports.mjs", import.meta.url));

function tracing() {
  const log = join(mkdtempSync(join(tmpdir(), "cli-startup-")), "imports.txt");
  return {
    env: { NODE_OPTIONS: `--import=${recordImports}`, LOGIN_MOCK_TEST_IMPORT_LOG: log },
    loaded: () => readFileSync(log, "utf8"),
  };
}

const HARNESS_ONLY = /\/node_modules\/(ajv|ajv-formats|fast-check)\//;

it("serve starts without loading Ajv or fast-check", async () => {
  const trace = tracing();
  const { child } = await startCli(["--port", "0", "--log", "off"], trace.env);
  await stopChild(child);
  expect(trace.loaded()).toContain("/cli/serve.ts");
  expect(trace.loaded()).not.toMatch(HARNESS_ONLY);
}, 30_000);

it("contract loads them, and nothing of serve's", async () => {
  const trace = tracing();
  const { code } = await runCliAsync(
    ["contract", "--variant", "talkstack", "--base-url", "http://127.0.0.1:9", "--retries", "0"],
    trace.env,
  );
  expect(code).toBe(3);
  expect(trace.loaded()).toMatch(HARNESS_ONLY);
  expect(trace.loaded()).not.toContain("/cli/serve.ts");
}, 30_000);
