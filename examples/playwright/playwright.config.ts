/**
 * `npm run test:playwright`: a real Playwright Test suite on login-mock/playwright. One
 * `login-mock serve` for the whole run (webServer), four workers forcing different scenarios on
 * it at once, each test in its own mock session. Debian's Chromium (scripts/ensure-chromium.sh),
 * as the other browser tests use; with Playwright's own browsers, drop `executablePath`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import type { LoginMockOptions } from "login-mock/playwright";
import { APP, MSW_APP, OAUTH, PORT } from "./servers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig<LoginMockOptions>({
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: true,
  workers: 4,
  timeout: 15_000,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  outputDir: `${root}test-results/playwright`,
  use: {
    browserName: "chromium",
    // The app's origin (app-server.ts), on the mock's host name: the session cookie reaches both.
    baseURL: APP,
    loginMockUrl: OAUTH,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Tests run as root in CI containers, where Chromium's sandbox cannot start.
      args: ["--no-sandbox"],
    },
  },
  webServer: [
    {
      // The built command, as `npx login-mock serve` runs it: your spec and a preset, on PORT and
      // PORT + 1. `process.execPath`: the Node running Playwright (this repository's Node 24).
      command: `"${process.execPath}" dist/cli/cli.js serve examples/specs/oauth-password.yaml seamless --port ${PORT} --log off`,
      cwd: root,
      url: `${OAUTH}/__mock/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 20_000,
    },
    {
      // The sample app in development: MSW's worker and login-mock's mock run in the page.
      command: `"${process.execPath}" node_modules/vite/bin/vite.js --config examples/app/vite.config.ts --port ${PORT + 8} --strictPort`,
      cwd: root,
      url: MSW_APP,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `"${process.execPath}" examples/playwright/app-server.ts ${PORT + 9}`,
      cwd: root,
      url: APP,
      reuseExistingServer: !process.env.CI,
      timeout: 20_000,
    },
  ],
});
