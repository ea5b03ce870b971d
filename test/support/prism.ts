/** `prism mock` on one of our specs, on a free loopback port, stopped by PID. */
import { spawn } from "node:child_process";
import { prismMockArgs, prismScript } from "../../cli/prism.ts";
import type { Variant } from "../../openapi/documents.ts";
import { freePort } from "../../server/free-port.ts";
import { stopChild, waitForHttp } from "./spawn-cli.ts";

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
  const stop = async () => {
    await stopChild(child);
  };
  try {
    await waitForHttp(`${url}/__health`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
