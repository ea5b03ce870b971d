/**
 * A loopback port nothing listens on right now, for tools that must pass a port to a child
 * process (Prism, Vite, the benchmark's servers). Port 0 in our own servers is better where
 * the server is ours.
 */
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
