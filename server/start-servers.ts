/**
 * Starts one server per login API on loopback and reports their URLs. All share one mock, so
 * they share one user store, as front doors of one test backend; and one `HeldWork`, so the
 * limits on connections and held replies are the process's, not each API's.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoginMock } from "../mocks/core/index.ts";
import { serverUrlsOf } from "../mocks/core/server-urls.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { createMockServer, type MockServerOptions } from "./create-server.ts";
import { createHeldWork } from "./held-work.ts";

/**
 * Where an API is served when no port is given and its spec names no loopback server: this
 * plus its place in the list (the built-in specs' local `servers` name 4010 and 4011 anyway).
 */
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";

export interface StartOptions extends Omit<MockServerOptions, "variant"> {
  /** The ids of the APIs to serve, one port each, in this order. Default: all of `mock.apis`. */
  readonly variants?: readonly string[];
  readonly host?: string;
  /**
   * Port of the first API; the next ones take the following ports. 0 picks free ones. Default:
   * each API's own (`plannedPorts`).
   */
  readonly port?: number;
  readonly mock: LoginMock;
}

/** The port the API at `index` is served on, first at `port`. 0 stays 0 (a free one). */
export function portOf(index: number, port = DEFAULT_PORT): number {
  return port === 0 ? 0 : port + index;
}

/**
 * The port a spec's own loopback server names (`http://127.0.0.1:N` or `http://localhost:N` in
 * its top-level `servers`, the first such), or undefined.
 */
export function specPortOf(api: LoginApi): number | undefined {
  return loopbackServerOf(api)?.port;
}

function loopbackServerOf(
  api: LoginApi,
): { readonly url: string; readonly port: number } | undefined {
  for (const url of serverUrlsOf(api)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const loopback = parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
    if (parsed.protocol === "http:" && loopback && parsed.port !== "")
      return { url, port: Number(parsed.port) };
  }
  return undefined;
}

/**
 * The port each of `apis` is served on, in order. With `port`: `port`, `port + 1`, … (0: free
 * ones). Without: each API's own loopback server port (`specPortOf`), else DEFAULT_PORT plus its
 * place; two APIs on one port is a `PortClashError`.
 */
export function plannedPorts(apis: readonly LoginApi[], port?: number): number[] {
  if (port !== undefined) return apis.map((_, index) => portOf(index, port));
  const planned = apis.map((api, index) => {
    const own = loopbackServerOf(api);
    return own === undefined
      ? {
          port: portOf(index),
          why: `API ${index + 1} of ${apis.length} and its spec names no loopback server, so ${DEFAULT_PORT} + ${index}`,
        }
      : { port: own.port, why: `its spec's server ${own.url}` };
  });
  planned.forEach((entry, index) => {
    const earlier = planned.findIndex((other) => other.port === entry.port);
    if (earlier === index) return;
    const first = `${apis[earlier]?.id} (${planned[earlier]?.why})`;
    const second = `${apis[index]?.id} (${entry.why})`;
    throw new PortClashError(
      `[login-mock] ${first} and ${second} would both listen on port ${entry.port}. Pass --port N to serve them on N, N+1, … in the order given (--port 0 picks free ports), or give each spec a \`http://127.0.0.1:<port>\` server of its own.`,
    );
  });
  return planned.map((entry) => entry.port);
}

export interface RunningServers {
  /** Each served API's base URL, by API id, in the order served. */
  readonly urls: Readonly<Record<string, string>>;
  /** Stops accepting, lets requests in flight finish for `graceMs`, then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The server could not listen where it was asked. `setting` says which one to change: the
 * message names the flag (`--port`, `--host`), the CLI adds the environment variable if the
 * value came from one.
 */
export class ListenError extends Error {
  readonly setting: "port" | "host";
  constructor(message: string, setting: "port" | "host") {
    super(message);
    this.setting = setting;
  }
}

/**
 * Two APIs would listen on one port (each on its spec's own, none given): the message says
 * which, why, and what to pass. A usage error for the CLI.
 */
export class PortClashError extends ListenError {
  constructor(message: string) {
    super(message, "port");
  }
}

class PortInUseError extends ListenError {
  constructor(message: string) {
    super(message, "port");
  }
}

export async function startServers(options: StartOptions): Promise<RunningServers> {
  const host = options.host ?? DEFAULT_HOST;
  const started: { variant: string; server: Server; url: string }[] = [];
  const heldWork = options.heldWork ?? createHeldWork();
  const variants = options.variants ?? options.mock.apis.map((api) => api.id);
  const ports = plannedPorts(
    variants.map((variant) => options.mock.api(variant)),
    options.port,
  );
  const last = Math.max(...ports);
  if (last > 65535) {
    throw new ListenError(
      `[login-mock] ${variants.length} APIs from port ${options.port ?? DEFAULT_PORT} need ports up to ${last}, past 65535. Pass a lower --port (or --port 0 to pick free ports).`,
      "port",
    );
  }
  try {
    for (const [index, variant] of variants.entries()) {
      const port = ports[index] ?? 0;
      const server = createMockServer({ ...options, variant, heldWork });
      await listen(server, port, host);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      started.push({ variant, server, url: `http://${shownHost}:${address.port}` });
    }
  } catch (error) {
    await Promise.all(started.map(({ server }) => closeServer(server, 0)));
    throw error;
  }
  return {
    urls: Object.fromEntries(started.map(({ variant, url }) => [variant, url])),
    close: async (graceMs = 2000) => {
      await Promise.all(started.map(({ server }) => closeServer(server, graceMs)));
      options.log?.release?.();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(listenError(error, port, host));
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** One line saying why the server cannot listen at `host`:`port`, and what to pass instead. */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): ListenError {
  switch (error.code) {
    case "EADDRINUSE":
      return new PortInUseError(
        `[login-mock] Port ${port} on ${host} is already in use (another login-mock?). Stop that process, or pass --port N (--port 0 picks free ports).`,
      );
    case "EACCES":
      return new ListenError(
        `[login-mock] Port ${port} on ${host} needs administrator rights (EACCES): pass --port 1024 or above, or --port 0 to pick free ports.`,
        "port",
      );
    case "EADDRNOTAVAIL":
      return new ListenError(
        `[login-mock] Cannot listen on ${host}: it is not an address of this machine (EADDRNOTAVAIL). Pass --host 127.0.0.1 (this machine only, the default), --host 0.0.0.0 (every network interface), or one of this machine's own addresses.`,
        "host",
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return new ListenError(
        `[login-mock] Cannot listen on ${host}: the name does not resolve to an address (getaddrinfo ${error.code}). Pass an IP address of this machine, such as --host 127.0.0.1, or a name that resolves to one.`,
        "host",
      );
    default:
      return new ListenError(
        `[login-mock] Cannot listen on ${host} port ${port}: ${error.message}. Check --host and --port.`,
        "host",
      );
  }
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Held requests (the no-response fault) would keep the server open forever.
    setTimeout(() => server.closeAllConnections(), graceMs).unref();
  });
}
