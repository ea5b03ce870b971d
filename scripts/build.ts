/**
 * `npm run build`: bundles the CLI and server into `dist/login-mock.mjs` with rolldown.
 *
 * Why: run from source, the server starts in about a second and holds ~270 MB, because Node
 * strips types from every file at load and @mswjs/data's factory loads msw 2 and graphql for its
 * `toHandlers()`, which this project never calls. The bundle is plain JavaScript with those two
 * handler generators replaced by a stub (see docs/decisions/0004-bundled-server.md).
 */
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "rolldown";

const root = fileURLToPath(new URL("..", import.meta.url));
const STUBBED = /@mswjs[\\/]data[\\/]lib[\\/]model[\\/]generate(Rest|GraphQL)Handlers/;

const stubUnusedHandlerGenerators: Plugin = {
  name: "stub-mswjs-data-handler-generators",
  async resolveId(source, importer, options) {
    if (!importer?.includes("@mswjs") || !/generate(Rest|GraphQL)Handlers$/.test(source))
      return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && STUBBED.test(resolved.id) ? { id: "\0stub-handlers" } : null;
  },
  load(id) {
    if (id !== "\0stub-handlers") return null;
    return `const unused = () => { throw new Error("[login-mock] @mswjs/data toHandlers() is not available in this build."); };
export const generateRestHandlers = unused;
export const generateGraphQLHandlers = unused;
export default { generateRestHandlers: unused, generateGraphQLHandlers: unused };`;
  },
};

const started = performance.now();
await build({
  cwd: root,
  input: "cli/run.ts",
  platform: "node",
  logLevel: "warn",
  plugins: [stubUnusedHandlerGenerators],
  output: { file: "dist/login-mock.mjs", format: "esm", minify: false },
});
console.log(
  `[login-mock] built dist/login-mock.mjs in ${Math.round(performance.now() - started)} ms`,
);
