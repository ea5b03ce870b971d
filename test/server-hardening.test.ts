/**
 * No single client can crash, freeze or starve the server (issue 11). Each attack a reporter
 * reproduced runs here, bounded in count and time: pipelined held requests on one socket, many
 * held connections, an oversized delay, and a 405 without `Allow`. (A closed or unread stdout
 * is in cli-stdout.test.ts.)
 */
import { connect, type Socket as NetSocket, Socket } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS } from "../mocks/core/pipeline/faults.ts";
import type { Variant } from "../openapi/documents.ts";
import { TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { createHeldWork, type HeldWork, MAX_REQUESTS_PER_SOCKET } from "../server/held-work.ts";
import { useHttpServers } from "./support/http-servers.ts";
import { runCli } from "./support/spawn-cli.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rawLogin = (header: string) =>
  `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${header}\r\nContent-Length: 2\r\n\r\n{}`;

/** A raw connection that records what comes back and whether the server closed it. */
async function openRaw(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const state = { received: "", closed: false, closedAt: 0 };
  socket.on("data", (chunk) => {
    state.received += chunk.toString();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    state.closed = true;
    state.closedAt = performance.now();
  });
  await new Promise<void>((resolve) => {
    socket.once("connect", () => resolve());
    socket.once("close", () => resolve());
  });
  return { socket, state };
}

/** Health-checks `url` every 50 ms on fresh connections until stopped; returns the slowest. */
function probeHealth(url: string) {
  let stopped = false;
  let slowest = 0;
  let failures = 0;
  const running = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/__mock/health`, {
          headers: { connection: "close" },
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
      slowest = Math.max(slowest, performance.now() - started);
      await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return { slowest, failures };
  };
}

describe("one socket pipelining thousands of held requests", () => {
  const servers = useHttpServers();
  const COUNT = 20_000;

  it.each([
    ["no-response", "X-Mock-Scenario: no-response"],
    ["a long Prefer: delay", "Prefer: delay=60000"],
  ])(
    "holds at most a few of them (%s), stays responsive and closes cheaply",
    async (_, header) => {
      const url = servers.url("talkstack");
      const heldBefore = servers.logLines.filter((line) => line.includes('"held"')).length;
      const linesBefore = servers.logLines.length;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const rssBefore = process.memoryUsage().rss;
      const stopProbe = probeHealth(url);
      const { socket, state } = await openRaw(url);
      const batch = rawLogin(header).repeat(500);
      const deadline = performance.now() + 10_000;
      for (let sent = 0; sent < COUNT && !state.closed && performance.now() < deadline; ) {
        sent += 500;
        if (!socket.write(batch)) await waitForDrain(socket, 2000);
      }
      await sleep(1000);
      const closedByServer = state.closed;
      socket.destroy();
      await sleep(500);
      const health = await stopProbe();
      loop.disable();
      const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      const heldNow =
        servers.logLines.filter((line) => line.includes('"held"')).length - heldBefore;
      const parsed = servers.logLines.length - linesBefore;
      console.log(
        `[hardening] ${header}: closed by server ${closedByServer}, parsed ${parsed}, logged held ${heldNow}, RSS +${rssGrowthMb.toFixed(0)} MB, slowest health ${health.slowest.toFixed(0)} ms, event-loop max ${(loop.max / 1e6).toFixed(0)} ms`,
      );
      expect(closedByServer).toBe(true);
      // It stopped parsing the flood: at most what one read brought in, not the 20,000 sent.
      expect(parsed).toBeLessThan(500);
      expect(heldNow).toBeLessThanOrEqual(MAX_REQUESTS_PER_SOCKET);
      expect(health).toMatchObject({ failures: 0 });
      expect(health.slowest).toBeLessThan(500);
      expect(loop.max / 1e6).toBeLessThan(250);
      expect(rssGrowthMb).toBeLessThan(50);
    },
    30_000,
  );

  it("clears a socket's held requests with one close listener, whatever it held", async () => {
    const held = createHeldWork();
    const socket = new Socket();
    const fired: number[] = [];
    for (let i = 0; i < MAX_REQUESTS_PER_SOCKET; i++)
      held.hold(socket, 60_000, () => fired.push(i));
    expect(held.held).toBe(MAX_REQUESTS_PER_SOCKET);
    expect(socket.listenerCount("close")).toBe(1);
    socket.destroy();
    await new Promise((resolve) => socket.once("close", resolve));
    expect(held.held).toBe(0);
    expect(fired).toEqual([]);
  });
});

function waitForDrain(socket: NetSocket, ms: number) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once("drain", done);
    socket.once("close", done);
  });
}

describe("many connections each holding a request", () => {
  const heldWork = createHeldWork({ maxHeld: 10, maxConnections: 40 });
  const servers = useHttpServers({}, { heldWork });

  it("answers held requests past the cap with 503 at once, and still logs users in", async () => {
    const url = servers.url("talkstack");
    const held = await Promise.all(Array.from({ length: 10 }, () => openRaw(url)));
    for (const { socket } of held) socket.write(rawLogin("X-Mock-Scenario: no-response"));
    await sleep(300);
    expect(heldWork.held).toBe(10);
    expect(held.every(({ state }) => state.received === "" && !state.closed)).toBe(true);

    const started = performance.now();
    const refused = await Promise.all(
      ["X-Mock-Scenario: no-response", "Prefer: delay=5000", "X-Mock-Scenario: slow-response"].map(
        async (header) => {
          const { socket, state } = await openRaw(url);
          socket.write(rawLogin(header));
          while (!state.closed && performance.now() - started < 2000) await sleep(10);
          return state;
        },
      ),
    );
    for (const state of refused) {
      expect(state.received).toMatch(/^HTTP\/1\.1 503 /);
      expect(state.received).toMatch(/\r\nretry-after: 5\r\n/i);
      expect(state.received).toContain("application/problem+json");
      expect(state.received).toContain("urn:login-mock:problem:too-much-held-work");
      expect(state.closed).toBe(true);
      expect(state.closedAt - started).toBeLessThan(1000);
    }

    const login = await fetch(`${url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(TALKSTACK_DEMO.documented),
      signal: AbortSignal.timeout(1000),
    });
    expect(login.status).toBe(200);

    for (const { socket } of held) socket.destroy();
    await sleep(200);
    expect(heldWork.held).toBe(0);
  });

  it("sheds the idlest connections past the connection cap, and serves again once they go", async () => {
    const url = servers.url("seamless");
    const idle = await Promise.all(Array.from({ length: 60 }, () => openRaw(url)));
    await sleep(300);
    const closedByServer = idle.filter(({ state }) => state.closed).length;
    expect(closedByServer).toBeGreaterThanOrEqual(20);
    expect(heldWork.connections).toBeLessThanOrEqual(40);
    for (const { socket } of idle) socket.destroy();
    await sleep(200);
    const health = await fetch(`${url}/__mock/health`, { signal: AbortSignal.timeout(1000) });
    expect(health.status).toBe(200);
  });
});

describe("delays past the cap", () => {
  const seen: number[] = [];
  const real = createHeldWork();
  const spy: HeldWork = {
    ...real,
    connect: (socket) => real.connect(socket),
    hold(socket, ms, fire) {
      seen.push(ms);
      return real.hold(socket, ms, fire);
    },
  };
  const servers = useHttpServers({}, { heldWork: spy });

  it(`clamps Prefer: delay to ${MAX_DELAY_MS} ms instead of refusing it`, async () => {
    const request = fetch(`${servers.url("seamless")}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", prefer: "delay=960000" },
      body: "{}",
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toThrow(/timeout|aborted/i);
    expect(seen).toEqual([MAX_DELAY_MS]);
  });

  it("refuses a --delay above the cap with a usage error naming the range", () => {
    const { status, stderr } = runCli([
      "serve",
      ...["--port", "0", "--log", "off", "--delay", String(MAX_DELAY_MS + 1)],
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain(`a whole number from 0 to ${MAX_DELAY_MS}`);
  });
});

describe("405 responses", () => {
  const servers = useHttpServers();

  it.each<[Variant, string, string, string]>([
    ["talkstack", "GET", "/auth/login", "POST, OPTIONS"],
    ["seamless", "DELETE", "/auth/login", "POST, OPTIONS"],
    ["talkstack", "DELETE", "/__mock/health", "GET"],
    ["seamless", "GET", "/__mock/reset", "POST"],
    ["seamless", "PATCH", "/__mock/scenario", "GET, PUT, DELETE"],
  ])("%s %s %s carries Allow: %s", async (variant, method, path, allow) => {
    const response = await fetch(`${servers.url(variant)}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
  });
});

describe("request timeouts", () => {
  const servers = useHttpServers({}, { headersTimeoutMs: 300, requestTimeoutMs: 600 });

  it("answers a client too slow with its headers with 408 and closes", async () => {
    const { socket, state } = await openRaw(servers.url("talkstack"));
    socket.write("POST /auth/login HTTP/1.1\r\nHost: x\r\n");
    const started = performance.now();
    while (!state.closed && performance.now() - started < 4000) await sleep(20);
    socket.destroy();
    expect(state.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(state.closed).toBe(true);
  });
});
