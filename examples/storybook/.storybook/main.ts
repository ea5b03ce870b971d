// The sample app's Storybook (`npm run storybook:build`). In your own app `login-mock` comes from
// node_modules; here the aliases point at this repository's sources.
import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/html-vite";

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

const config: StorybookConfig = {
  framework: { name: "@storybook/html-vite", options: {} },
  stories: ["../stories/*.stories.ts"],
  // MSW's worker script at /mockServiceWorker.js: the sample app's copy (`npx msw init`).
  staticDirs: ["../../app/public"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(vite) {
    const { mergeConfig } = await import("vite");
    return mergeConfig(vite, {
      resolve: {
        alias: {
          "login-mock/storybook": repo("mocks/storybook/index.ts"),
          "login-mock/browser": repo("mocks/browser.ts"),
          "login-mock": repo("mocks/index.ts"),
        },
      },
      // Storybook's own runtime is one large chunk: nothing to split for a static build.
      build: { chunkSizeWarningLimit: 4000 },
      logLevel: "warn",
    });
  },
};

export default config;
