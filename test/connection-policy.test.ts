/**
 * The connection cap sheds before it refuses (issue 23): sockets that never send a byte, and
 * keep-alive connections resting between requests, cannot lock anyone out — not the login
 * ports, and not the control API. Bounded in count and time; everything on 127.0.0.1.
 */
import { connect, Socket } from "node:net";
import { describe, expect, it } from "vitest";
import type { Variant } from "../openapi/documents.ts";
import { createHeldWork, MAX_CONNECTIONS, MAX_REQUESTS_PER_SOCKET } from "../server/held-work.ts";
import { demoLogin, type TestServers, useHttpServers } from "./support/http-servers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const healthRequest = "GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

interface RawConnection {
  readonly socket: Socket;
  readonly state: { received: string; closed: boolean; closedAt: number };
}

/** A raw connection that records what comes back and when the server closed it. */
function openRaw(url: string, send?: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const state = { received: "", closed: false, closedAt: 0 };
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    if (state.received.length < 4096) state.received += chunk;
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    state.closed = true;
    state.closedAt = performance.now();
  });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      if (send) socket.write(send);
      resolve({ socket, state });
    });
    socket.once("close", () => resolve({ socket, state }));
  });
}

/** Opens `count` raw connections, `batch` at a time (the listen backlog is 511). */
async function openMany(url: string, count: number, send?: string, batch = 400) {
  const opened: RawConnection[] = [];
  while (opened.length < count) {
    const size = Math.min(batch, count - opened.length);
    opened.push(...(await Promise.all(Array.from({ length: size }, () => openRaw(url, send)))));
  }
  return opened;
}

async function waitUntil(done: () => boolean, ms: number) {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(20);
}

/**
 * A login as `variant`'s documented demo account and a health check, on fresh connections, with
 * how long they took.
 */
async function loginAndHealth(servers: TestServers, variant: Variant) {
  const url = servers.url(variant);
  const started = performance.now();
  const [login, health] = await Promise.all([
    demoLogin(servers, variant, undefined, {
      headers: { connection: "close" },
      signal: AbortSignal.timeout(5000),
    }),
    fetch(`${url}/__mock/health`, {
      headers: { connection: "close" },
      signal: AbortSignal.timeout(5000),
    }),
  ]);
  await Promise.all([login.arrayBuffer(), health.arrayBuffer()]);
  return { login: login.status, health: health.status, ms: performance.now() - started };
}

describe("sockets that never send a byte", () => {
  const heldWork = createHeldWork({
    maxConnections: 30,
    firstRequestTimeoutMs: 600,
    shedGraceMs: 100,
  });
  const servers = useHttpServers({}, { heldWork });

  it("closes a connection that sends no request within the first-request timeout", async () => {
    const { socket, state } = await openRaw(servers.url("talkstack"));
    const opened = performance.now();
    await waitUntil(() => state.closed, 3000);
    socket.destroy();
    expect(state.closed).toBe(true);
    expect(state.received).toBe("");
    expect(state.closedAt - opened).toBeGreaterThanOrEqual(500);
    expect(state.closedAt - opened).toBeLessThan(600 + 1000);
  });

  it("keeps a connection that sent its request in time, through a slow reply", async () => {
    const { socket, state } = await openRaw(
      servers.url("talkstack"),
      "POST /auth/login HTTP/1.1\r\nHost: x\r\nPrefer: delay=1000\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    );
    await waitUntil(() => state.received.includes("\r\n\r\n") || state.closed, 3000);
    socket.destroy();
    expect(state.received).toMatch(/^HTTP\/1\.1 400 /);
  });

  it("answers logins and the control API on both ports while idle sockets fill the cap", async () => {
    const idle = [
      ...(await openMany(servers.url("talkstack"), 20)),
      ...(await openMany(servers.url("seamless"), 20)),
    ];
    expect(heldWork.connections).toBeLessThanOrEqual(30);
    await sleep(150); // past the shedding grace: they have had their chance to send
    for (const variant of ["talkstack", "seamless"] as Variant[]) {
      const { login, health, ms } = await loginAndHealth(servers, variant);
      expect(health).toBe(200);
      expect(login).toBe(200);
      expect(ms).toBeLessThan(1000);
    }
    await waitUntil(() => idle.every(({ state }) => state.closed), 3000);
    expect(idle.filter(({ state }) => !state.closed)).toHaveLength(0);
    for (const { socket } of idle) socket.destroy();
  });
});

describe("the connection cap", () => {
  it("sheds connections that never sent a request before resting keep-alive ones, oldest first", async () => {
    const held = createHeldWork({ maxConnections: 3, shedGraceMs: 0 });
    const [resting, waitingOld, waitingNew, newcomer, last] = Array.from(
      { length: 5 },
      () => new Socket(),
    ) as [Socket, Socket, Socket, Socket, Socket];
    expect(held.connect(resting)).toBe(true);
    expect(held.admit(resting)).toBe("admitted");
    held.finish(resting);
    expect(held.connect(waitingOld)).toBe(true);
    expect(held.connect(waitingNew)).toBe(true);

    expect(held.connect(newcomer)).toBe(true);
    expect([waitingOld.destroyed, waitingNew.destroyed, resting.destroyed]).toEqual([
      true,
      false,
      false,
    ]);
    expect(held.admit(waitingNew)).toBe("admitted");
    expect(held.admit(newcomer)).toBe("admitted");
    expect(held.connect(last)).toBe(true);
    expect(resting.destroyed).toBe(true);
    expect(held.connections).toBe(3);
    expect(held.shed).toBe(2);
    for (const socket of [waitingNew, newcomer, last]) socket.destroy();
  });

  it("refuses a new connection only when every connection has a request in flight", () => {
    const held = createHeldWork({ maxConnections: 2, shedGraceMs: 0 });
    const busy = [new Socket(), new Socket()];
    for (const socket of busy) {
      held.connect(socket);
      held.admit(socket);
    }
    const refused = new Socket();
    expect(held.connect(refused)).toBe(false);
    expect(held.refused).toBe(1);
    expect(busy.some((socket) => socket.destroyed)).toBe(false);
    for (const socket of [...busy, refused]) socket.destroy();
  });
});

describe("800 idle sockets and 5,000 keep-alive connections at once", () => {
  const heldWork = createHeldWork({ firstRequestTimeoutMs: 2000 });
  const servers = useHttpServers({}, { heldWork });

  it("still answers a login and /__mock/health on each port within 1 s, and closes the idle sockets", async () => {
    const idle = await openMany(servers.url("talkstack"), MAX_CONNECTIONS);
    const idleOpened = performance.now();
    const keptAlive = [
      ...(await openMany(servers.url("talkstack"), 2500, healthRequest)),
      ...(await openMany(servers.url("seamless"), 2500, healthRequest)),
    ];
    expect(heldWork.connections).toBeLessThanOrEqual(MAX_CONNECTIONS);

    const probes = [];
    for (const variant of ["talkstack", "seamless"] as Variant[]) {
      probes.push(await loginAndHealth(servers, variant));
    }
    await waitUntil(() => idle.every(({ state }) => state.closed), 4000);
    const idleOpen = idle.filter(({ state }) => !state.closed).length;
    const idleLastClosed = Math.max(...idle.map(({ state }) => state.closedAt)) - idleOpened;
    const answered = keptAlive.filter(({ state }) =>
      state.received.startsWith("HTTP/1.1 200"),
    ).length;
    console.log(
      `[connection-policy] probes ${probes.map((probe) => `${probe.login}/${probe.health} in ${probe.ms.toFixed(0)} ms`).join(", ")}; idle sockets still open ${idleOpen}, last closed ${idleLastClosed.toFixed(0)} ms after opening; keep-alive requests answered ${answered} of ${keptAlive.length}; shed ${heldWork.shed}, refused ${heldWork.refused}`,
    );
    for (const { socket } of [...idle, ...keptAlive]) socket.destroy();

    for (const probe of probes) {
      expect(probe.health).toBe(200);
      expect(probe.login).toBe(200);
      expect(probe.ms).toBeLessThan(1000);
    }
    expect(idleOpen).toBe(0);
    expect(heldWork.refused).toBe(0);
  }, 60_000);
});

describe("pipelining past the per-connection cap", () => {
  const servers = useHttpServers();

  it(`answers the first ${MAX_REQUESTS_PER_SOCKET} of ${MAX_REQUESTS_PER_SOCKET + 1} pipelined requests, then 503 and closes`, async () => {
    const { socket, state } = await openRaw(
      servers.url("talkstack"),
      healthRequest.repeat(MAX_REQUESTS_PER_SOCKET + 1),
    );
    await waitUntil(() => state.closed, 3000);
    socket.destroy();
    const statuses = [...state.received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    expect(statuses).toEqual([...Array(MAX_REQUESTS_PER_SOCKET).fill("200"), "503"]);
    expect(state.received).toContain("urn:login-mock:problem:too-many-pipelined-requests");
    expect(state.closed).toBe(true);
  });
});
