/** The sample app (examples/app) on Vite's dev server, on a free loopback port. */
import { createServer, type ViteDevServer } from "vite";
import { freePort } from "../../../server/free-port.ts";

export async function startSampleApp(): Promise<{ url: string; server: ViteDevServer }> {
  const port = await freePort();
  const server = await createServer({
    configFile: "examples/app/vite.config.ts",
    server: { port, strictPort: true, hmr: false },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}`, server };
}
