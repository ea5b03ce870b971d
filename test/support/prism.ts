/** `prism mock` on one of our specs, on a free loopback port, stopped by PID. */
import { spawn } from "node:child_process";
import { prismMockArgs, prismScript } from "../../cli/prism.ts";
import type { Variant } from "../../openapi/documents.ts";
import { freePort } from "../../server/free-port.ts";

export async function startPrism(
  variant: Variant,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismScript(), ...prismMockArgs(`openapi/${variant}.yaml`, port)],
    {
      stdio: "ignore",
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/__health`);
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`prism mock ${variant} did not start within 30 s`);
}
