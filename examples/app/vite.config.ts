// The sample app's Vite config. In your own app `login-mock` comes from node_modules; here the
// aliases point at this repository's sources.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: {
      "login-mock/browser": repo("mocks/browser.ts"),
      "login-mock": repo("mocks/index.ts"),
    },
  },
  server: { host: "127.0.0.1", port: 5173 },
  // public/ holds only MSW's worker script, a development tool: a production build leaves it out.
  build: { copyPublicDir: false },
  logLevel: "warn",
});
