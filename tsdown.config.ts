/**
 * `npm run build`: the package as users install it — plain ESM JavaScript and bundled `.d.ts`
 * for every export, plus the `login-mock` command. In the library entries dependencies and peers
 * stay external (the user's own msw runs the handlers, and @msw/data's `Collection` is part of
 * our public types); only our code and the spec JSON are bundled. The command, which runs in its
 * own process, also bundles @msw/data and exactly the packages it imports (CLI_BUNDLED), with
 * their licences in dist/cli/THIRD-PARTY-LICENSES.md: unbundled, Node resolves and compiles
 * ~570 es-toolkit files on every start. A bare import of anything else (a devDependency, which a
 * user's install does not have) fails the build, and so does bundling a package not listed.
 */
import { readFileSync } from "node:fs";
import { defineConfig, type UserConfig } from "tsdown";
import {
  builtinsWithoutFacade,
  lazyMessageEventBase,
  thirdPartyNotices,
} from "./scripts/cli-bundle.ts";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const installedForUsers = [
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
];

/**
 * What the command may bundle: @msw/data and its runtime imports (its @standard-schema/spec
 * import is types only). A new @msw/data that imports another package fails the build until that
 * package is reviewed (licence, size) and listed here.
 */
const CLI_BUNDLED = ["@msw/data", "es-toolkit", "mutative", "rettime", "outvariant"];

const shared = {
  format: "esm",
  target: "es2023",
  tsconfig: "tsconfig.build.json",
  fixedExtension: false,
  hash: false,
  logLevel: "warn",
  // Slow dts callbacks are expected (TypeScript itself): not worth a warning on every build.
  inputOptions: { checks: { pluginTimings: false } },
  // Nothing from node_modules is bundled (the command overrides this with CLI_BUNDLED), and the
  // output may import only what a user's install has: a devDependency reached from the package's
  // code fails the build.
  deps: { onlyBundle: [], onlyImport: installedForUsers },
  outputOptions: { chunkFileNames: "shared/[name].js" },
} satisfies UserConfig;

export default defineConfig([
  {
    ...shared,
    // Runtime-neutral entries: browsers, Node test runners and bundlers all load these.
    entry: {
      index: "mocks/index.ts",
      browser: "mocks/browser.ts",
      node: "mocks/node.ts",
      fixtures: "presets/fixtures/index.ts",
      types: "presets/types.ts",
      spec: "mocks/spec.ts",
      // `login-mock/storybook`: a loader and a decorator over `login-mock/browser` (chunks shared
      // with it, one mock in the page). It imports nothing of Storybook, types included.
      storybook: "mocks/storybook/index.ts",
    },
    platform: "neutral",
    // `login-mock/node`'s readLoginSpec reads a spec file; only that entry's chunk imports it
    // (check-package.ts fails a browser entry that reaches a node: module).
    deps: {
      ...shared.deps,
      onlyImport: [...installedForUsers, "node:fs"],
      neverBundle: ["node:fs/promises"],
    },
    dts: true,
    clean: true,
  },
  {
    ...shared,
    // `login-mock/playwright` runs in Playwright's Node test runner and talks HTTP to a running
    // `login-mock serve`: its own build, so it shares no chunk with (and loads none of) the mock.
    entry: { playwright: "mocks/playwright/index.ts" },
    platform: "node",
    deps: { ...shared.deps, onlyImport: [...installedForUsers, "node:crypto"] },
    dts: true,
    clean: false,
  },
  {
    ...shared,
    entry: { cli: "cli/run.ts" },
    platform: "node",
    deps: { alwaysBundle: ["@msw/data"], onlyBundle: CLI_BUNDLED, onlyImport: installedForUsers },
    // See scripts/cli-bundle.ts: the licence notices, and two startup costs Node's lazy globals
    // (undici, http2, tls: ~40 ms) would add to every `serve`.
    plugins: [thirdPartyNotices(), builtinsWithoutFacade(), lazyMessageEventBase()],
    outDir: "dist/cli",
    dts: false,
    clean: false,
  },
]);
