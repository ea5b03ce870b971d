/**
 * The server's stdout is the user's pipe, not ours: `login-mock serve | head -c 200` closes it,
 * a pipe nobody reads fills up. Neither may crash the server, grow its memory without bound or
 * hold up SIGTERM (issue 11). The bounds themselves are unit-tested in line-output.test.ts.
 */
import { describe, expect, it } from "vitest";
import { startCli, stopChild } from "./support/spawn-cli.ts";

async function hammer(url: string, count: number) {
  const statuses: (number | string)[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: 50 }, async () => {
      try {
        const response = await fetch(`${url}/__mock/health`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        return response.status;
      } catch (error) {
        return (error as Error).name;
      }
    });
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

/** SIGTERM, then the exit code and how long it took; SIGKILL (and null) past `limitMs`. */
async function stopWithin(child: Awaited<ReturnType<typeof startCli>>["child"], limitMs: number) {
  const started = performance.now();
  const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
  const code = await stopChild(child);
  clearTimeout(timer);
  return { code, ms: performance.now() - started };
}

describe("login-mock serve with a closed or unread stdout", () => {
  it("keeps answering after its stdout is closed, and exits 0 on SIGTERM", async () => {
    const { child, urls } = await startCli(["--variant", "talkstack", "--port", "0"]);
    child.stdout?.destroy();
    const statuses = await hammer(urls[0] ?? "", 200);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(child.exitCode).toBeNull();
    const stopped = await stopWithin(child, 5000);
    expect(stopped.code).toBe(0);
  }, 30_000);

  it("keeps answering while nobody reads its stdout, and still stops at once on SIGTERM", async () => {
    const { child, urls } = await startCli(["--variant", "talkstack", "--port", "0"]);
    child.stdout?.pause();
    // About 300 kB of log lines: far more than a pipe holds.
    const statuses = await hammer(urls[0] ?? "", 5000);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const stopped = await stopWithin(child, 5000);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(3000);
  }, 60_000);
});
