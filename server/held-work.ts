/**
 * The one bound on what clients can make the server hold: open connections, requests in flight
 * on one connection, and replies held or delayed (`no-response`, `slow-response`,
 * `Prefer: delay`, `--delay`). Each socket has one record and one `close` listener, however
 * many requests it carries, so closing a socket costs the same whatever it pipelined.
 *
 * One `HeldWork` is shared by every server of a process (`startServers` makes one): memory,
 * file descriptors and the event loop belong to the process, not to a variant, so two variants
 * must not get twice the budget.
 *
 * @example
 * const held = createHeldWork({ maxHeld: 10 });
 * if (!held.hold(socket, 5000, () => send())) sendBusy();
 */
import type { Socket } from "node:net";

/**
 * Open connections, all variants together. Past it a new connection is closed at once. Well
 * below the 1,024 file descriptors a process gets on the most restrictive common setups.
 */
export const MAX_CONNECTIONS = 800;
/** Replies held or delayed at once, all variants together. Past it: 503 with Retry-After. */
export const MAX_HELD_REPLIES = 400;
/**
 * Requests in flight on one connection: the one being answered and those pipelined behind it.
 * Replies go out in order, so past it nothing can be answered: the connection is closed.
 */
export const MAX_REQUESTS_PER_SOCKET = 8;
/** What the 503 for too much held work tells the client to wait. */
export const HELD_RETRY_AFTER_SECONDS = 5;

export interface HeldWorkLimits {
  readonly maxConnections?: number;
  readonly maxHeld?: number;
  readonly maxRequestsPerSocket?: number;
}

export interface HeldWork {
  /** Counts a new connection; false past the connection cap (the caller closes it). */
  connect(socket: Socket): boolean;
  /** Counts a request on its socket until its response is sent; false past the per-socket cap. */
  admit(socket: Socket): boolean;
  finish(socket: Socket): void;
  /** Runs `fire` after `ms` unless the socket closes first; false past the held cap. */
  hold(socket: Socket, ms: number, fire: () => void): boolean;
  readonly limits: Required<HeldWorkLimits>;
  /** Replies held or delayed right now, and open connections: for tests and health checks. */
  readonly held: number;
  readonly connections: number;
}

interface SocketRecord {
  inFlight: number;
  readonly timers: Set<NodeJS.Timeout>;
}

export function createHeldWork(overrides: HeldWorkLimits = {}): HeldWork {
  const limits = {
    maxConnections: overrides.maxConnections ?? MAX_CONNECTIONS,
    maxHeld: overrides.maxHeld ?? MAX_HELD_REPLIES,
    maxRequestsPerSocket: overrides.maxRequestsPerSocket ?? MAX_REQUESTS_PER_SOCKET,
  };
  const sockets = new WeakMap<Socket, SocketRecord>();
  let connections = 0;
  let held = 0;

  function recordOf(socket: Socket): SocketRecord {
    let record = sockets.get(socket);
    if (!record) {
      const created: SocketRecord = { inFlight: 0, timers: new Set() };
      sockets.set(socket, created);
      connections++;
      socket.once("close", () => {
        connections--;
        held -= created.timers.size;
        for (const timer of created.timers) clearTimeout(timer);
        created.timers.clear();
      });
      record = created;
    }
    return record;
  }

  return {
    limits,
    get held() {
      return held;
    },
    get connections() {
      return connections;
    },
    connect(socket) {
      if (connections >= limits.maxConnections) return false;
      recordOf(socket);
      return true;
    },
    admit(socket) {
      const record = recordOf(socket);
      if (record.inFlight >= limits.maxRequestsPerSocket) return false;
      record.inFlight++;
      return true;
    },
    finish(socket) {
      const record = sockets.get(socket);
      if (record && record.inFlight > 0) record.inFlight--;
    },
    hold(socket, ms, fire) {
      if (held >= limits.maxHeld || socket.destroyed) return false;
      const record = recordOf(socket);
      const timer = setTimeout(() => {
        record.timers.delete(timer);
        held--;
        fire();
      }, ms);
      record.timers.add(timer);
      held++;
      return true;
    },
  };
}
