// `npm run test:browser`: Debian's Chromium, in two projects.
// - chromium: the sample app and the control panel, one file at a time (each starts its own
//   servers and browser).
// - e2e: the Playwright example in examples/e2e: one login-mock server for the whole run
//   (global-setup.ts), files in parallel workers, each test in its own mock session.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "chromium", include: ["test/browser/**/*.test.ts"], fileParallelism: false },
      },
      {
        extends: true,
        // The examples import `login-mock` as users do; tsconfig.json `paths` maps it to the sources.
        resolve: { tsconfigPaths: true },
        test: {
          name: "e2e",
          include: ["examples/e2e/**/*.test.ts"],
          globalSetup: ["examples/e2e/global-setup.ts"],
          // The two parallel-*.test.ts files must run at the same time: that is their point.
          maxWorkers: 3,
        },
      },
    ],
  },
});
