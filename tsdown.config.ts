/**
 * `npm run build`: the package as users install it — plain ESM JavaScript and bundled `.d.ts`
 * for every export, plus the `login-mock` command. Dependencies and peers stay external (the
 * user's own msw runs the handlers); only our code and the spec JSON are bundled. A bare import
 * of anything else (a devDependency, which a user's install does not have) fails the build.
 */
import { readFileSync } from "node:fs";
import { defineConfig, type UserConfig } from "tsdown";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const installedForUsers = [
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
];

const shared = {
  format: "esm",
  target: "es2023",
  tsconfig: "tsconfig.build.json",
  fixedExtension: false,
  hash: false,
  logLevel: "warn",
  // Slow dts callbacks are expected (TypeScript itself): not worth a warning on every build.
  inputOptions: { checks: { pluginTimings: false } },
  // Nothing from node_modules is bundled, and the output may import only what a user's install
  // has: a devDependency reached from the package's code fails the build.
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
      fixtures: "mocks/fixtures/index.ts",
      types: "openapi/types.ts",
    },
    platform: "neutral",
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { cli: "cli/run.ts" },
    platform: "node",
    outDir: "dist/cli",
    dts: false,
    clean: false,
  },
]);
