/** The sample app (examples/app) on Vite's dev server, on a free loopback port. */
import { createServer as createProbe } from "node:net";
import { createServer, type ViteDevServer } from "vite";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createProbe().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startSampleApp(): Promise<{ url: string; server: ViteDevServer }> {
  const port = await freePort();
  const server = await createServer({
    configFile: "examples/app/vite.config.ts",
    server: { port, strictPort: true, hmr: false },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${port}`, server };
}
