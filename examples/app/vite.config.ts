// The sample app's Vite config. In your own app `login-mock` comes from node_modules; here the
// aliases point at this repository's sources.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

// The standalone mock server, `npx login-mock serve`: Seamless listens on 4011. MOCK_SERVER_URL
// moves it (the tests start it on a free port).
const mockServer = process.env.MOCK_SERVER_URL ?? "http://127.0.0.1:4011";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: {
      "login-mock/browser": repo("mocks/browser.ts"),
      "login-mock": repo("mocks/index.ts"),
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    // `?mode=proxy`: the login, the logout and the control API on the app's own origin, so the
    // browser stores Seamless' httpOnly `token` cookie, sends it back and drops it on logout, as
    // it would in production behind your own backend. (MSW's service worker cannot set
    // cookies.) The object form keeps `changeOrigin` off (a bare URL string turns it on): the
    // mock then sees this page's Host, and its control API accepts changes from the page's own
    // origin (the panel, your code).
    proxy: {
      "/auth/login": { target: mockServer },
      "/auth/logout": { target: mockServer },
      "/__mock": { target: mockServer },
    },
  },
  // public/ holds only MSW's worker script, a development tool: a production build leaves it out.
  build: { copyPublicDir: false },
  logLevel: "warn",
});
