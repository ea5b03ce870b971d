// Vitest configuration of the contract suite alone (`login-mock contract` uses it); the
// project's own tests use the root vitest.config.ts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["contract.suite.ts"],
    // One target, one connection budget: cases run in order, never in parallel.
    fileParallelism: false,
    sequence: { concurrent: false },
    reporters: ["verbose"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
