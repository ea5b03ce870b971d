import { defineConfig } from "vitest/config";

export default defineConfig({
  // `login-mock/*` imports (the examples) resolve to the sources through tsconfig.json `paths`,
  // so tests exercise the code as it is now; the packed build is tested by scripts/consumer-test.ts.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/**/*.test.ts", "examples/node/**/*.test.ts"],
    // The Chromium suite has its own config and script (npm run test:browser).
    exclude: ["test/browser/**", "node_modules/**"],
    globalSetup: ["test/support/report-runtime.ts"],
  },
});
