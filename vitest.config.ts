import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/node/**/*.test.ts"],
    globalSetup: ["test/support/report-runtime.ts"],
  },
});
