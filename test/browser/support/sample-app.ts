/**
 * The sample app (examples/app) on a free loopback port: on Vite's dev server, as a developer
 * runs it, or built for production and served by `vite preview`, as it would ship.
 */
import { rmSync } from "node:fs";
import { createServer, preview, type ViteDevServer } from "vite";
import { freePort } from "../../../server/free-port.ts";
import { buildSampleApp, SAMPLE_APP_CONFIG } from "../../support/sample-app-build.ts";

export async function startSampleApp(): Promise<{ url: string; server: ViteDevServer }> {
  const port = await freePort();
  const server = await createServer({
    configFile: SAMPLE_APP_CONFIG,
    server: { port, strictPort: true, hmr: false },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}`, server };
}

/** The production build behind `vite preview`; `close()` stops it and deletes the build. */
export async function previewSampleAppBuild(): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = await buildSampleApp("production");
  const port = await freePort();
  const server = await preview({
    configFile: SAMPLE_APP_CONFIG,
    build: { outDir },
    preview: { host: "127.0.0.1", port, strictPort: true },
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
