import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/node/**/*.test.ts"],
    // The Chromium suite has its own config and script (npm run test:browser).
    exclude: ["test/browser/**", "node_modules/**"],
    globalSetup: ["test/support/report-runtime.ts"],
  },
});
