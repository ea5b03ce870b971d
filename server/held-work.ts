/**
 * The one bound on what clients can make the server hold: open connections, requests in flight
 * on one connection, and replies held or delayed (`no-response`, `slow-response`,
 * `Prefer: delay`, `--delay`). Each socket has one record and one `close` listener, however
 * many requests it carries, so closing a socket costs the same whatever it pipelined.
 *
 * The connection cap sheds before it refuses: a connection that has not sent a request yet,
 * or one resting between keep-alive requests, holds nothing but a file descriptor, so when the
 * cap is reached the one that has waited longest is closed to make room. Only when every
 * connection has a request in flight is a new one refused. A connection that sends no request
 * within `FIRST_REQUEST_TIMEOUT_MS` is closed (Node's header timeout starts only at the first
 * byte, so a silent socket would otherwise be held until the peer gives up).
 *
 * One `HeldWork` is shared by every server of a process (`startServers` makes one): memory,
 * file descriptors and the event loop belong to the process, not to an API, so two APIs
 * must not get twice the budget.
 *
 * @example
 * const held = createHeldWork({ maxHeld: 10 });
 * if (!held.hold(socket, 5000, () => send())) sendBusy();
 */
import type { Socket } from "node:net";

/**
 * Open connections, all APIs together. Past it the idlest connection is closed to make
 * room; a new connection is refused only when all of them are busy. Well below the 1,024 file
 * descriptors a process gets on the most restrictive common setups.
 */
export const MAX_CONNECTIONS = 800;
/** Replies held or delayed at once, all APIs together. Past it: 503 with Retry-After. */
export const MAX_HELD_REPLIES = 400;
/**
 * Requests in flight on one connection: the one being answered and those pipelined behind it.
 * Replies go out in order, so the next one is answered 503 after them and the connection
 * closes. As many again may follow unanswered; past that the client is flooding, and the
 * connection is closed at once.
 */
export const MAX_REQUESTS_PER_SOCKET = 8;
/** What the 503 for too much held work tells the client to wait. */
export const HELD_RETRY_AFTER_SECONDS = 5;
/**
 * How long a new connection has to send before the cap may shed it as idle: a burst of
 * connections is accepted before any of them is read, and the first of the burst must not be
 * shed for the last.
 */
export const SHED_GRACE_MS = 1000;
/** A connection must send its first request's headers within this long of connecting. */
export const FIRST_REQUEST_TIMEOUT_MS = 10_000;

export interface HeldWorkLimits {
  readonly maxConnections?: number;
  readonly maxHeld?: number;
  readonly maxRequestsPerSocket?: number;
  readonly firstRequestTimeoutMs?: number;
  readonly shedGraceMs?: number;
}

/**
 * What `admit` decides for a request: serve it, answer it "too many in flight" (the first
 * request past the per-connection cap), or drop it unanswered (the ones after that, which
 * will never be written because the connection closes after the "too many" reply; past
 * `maxRequestsPerSocket` of those the connection is closed at once).
 */
export type Admission = "admitted" | "too-many" | "dropped";

export interface HeldWork {
  /**
   * Counts a new connection, shedding the idlest one if the cap is reached; false when every
   * connection is busy (the caller closes the new one).
   */
  connect(socket: Socket): boolean;
  /** Counts a request on its socket until its response is sent. */
  admit(socket: Socket): Admission;
  finish(socket: Socket): void;
  /** Runs `fire` after `ms` unless the socket closes first; false past the held cap. */
  hold(socket: Socket, ms: number, fire: () => void): boolean;
  readonly limits: Required<HeldWorkLimits>;
  /** Replies held or delayed right now, and open connections: for tests and health checks. */
  readonly held: number;
  readonly connections: number;
  /** Connections closed to make room, and refused, since start. */
  readonly shed: number;
  readonly refused: number;
}

interface SocketRecord {
  inFlight: number;
  /** Past the per-connection cap: the connection closes after its in-flight replies. */
  overflowed: boolean;
  /** Requests dropped unanswered since then. */
  dropped: number;
  /** False once shed: its slot was given away before its `close` event arrives. */
  counted: boolean;
  /** When it connected, for the first-request timeout. */
  readonly since: number;
  readonly timers: Set<NodeJS.Timeout>;
}

export function createHeldWork(overrides: HeldWorkLimits = {}): HeldWork {
  const limits = {
    maxConnections: overrides.maxConnections ?? MAX_CONNECTIONS,
    maxHeld: overrides.maxHeld ?? MAX_HELD_REPLIES,
    maxRequestsPerSocket: overrides.maxRequestsPerSocket ?? MAX_REQUESTS_PER_SOCKET,
    firstRequestTimeoutMs: overrides.firstRequestTimeoutMs ?? FIRST_REQUEST_TIMEOUT_MS,
    shedGraceMs: overrides.shedGraceMs ?? SHED_GRACE_MS,
  };
  const sockets = new WeakMap<Socket, SocketRecord>();
  // Sets keep insertion order, so each one's first entry is the one that has waited longest.
  /** Connected, no request yet: shed first, and timed out. */
  const waiting = new Set<Socket>();
  /** Between keep-alive requests. */
  const resting = new Set<Socket>();
  let connections = 0;
  let held = 0;
  let shed = 0;
  let refused = 0;
  let sweeper: NodeJS.Timeout | undefined;

  function recordOf(socket: Socket): SocketRecord {
    let record = sockets.get(socket);
    if (!record) {
      const created: SocketRecord = {
        inFlight: 0,
        overflowed: false,
        dropped: 0,
        counted: true,
        since: performance.now(),
        timers: new Set(),
      };
      sockets.set(socket, created);
      connections++;
      socket.once("close", () => {
        release(socket, created);
        held -= created.timers.size;
        for (const timer of created.timers) clearTimeout(timer);
        created.timers.clear();
      });
      record = created;
    }
    return record;
  }

  function release(socket: Socket, record: SocketRecord): void {
    waiting.delete(socket);
    resting.delete(socket);
    if (record.counted) {
      record.counted = false;
      connections--;
    }
  }

  /**
   * Closes the connection that has waited longest without a request in flight. One accepted
   * moments ago has not been read yet (a burst of connections is accepted before any is read),
   * so it is not judged idle until it has had `shedGraceMs` to send.
   */
  function shedIdlest(): boolean {
    const oldestWaiting = first(waiting);
    const waitedLong =
      oldestWaiting !== undefined &&
      performance.now() - (sockets.get(oldestWaiting)?.since ?? 0) >= limits.shedGraceMs;
    const victim = (waitedLong ? oldestWaiting : undefined) ?? first(resting);
    if (!victim) return false;
    const record = sockets.get(victim);
    if (record) release(victim, record);
    victim.destroy();
    shed++;
    return true;
  }

  // One timer for all waiting connections, not one each: `waiting` is in connect order, so a
  // sweep stops at the first connection still within its time.
  function sweep(): void {
    const oldest = performance.now() - limits.firstRequestTimeoutMs;
    for (const socket of waiting) {
      const record = sockets.get(socket);
      if (record && record.since > oldest) break;
      if (record) release(socket, record);
      socket.destroy();
    }
    if (waiting.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }

  return {
    limits,
    get held() {
      return held;
    },
    get connections() {
      return connections;
    },
    get shed() {
      return shed;
    },
    get refused() {
      return refused;
    },
    connect(socket) {
      if (connections >= limits.maxConnections && !shedIdlest()) {
        refused++;
        return false;
      }
      recordOf(socket);
      waiting.add(socket);
      if (!sweeper) {
        sweeper = setInterval(sweep, Math.min(1000, limits.firstRequestTimeoutMs));
        sweeper.unref();
      }
      return true;
    },
    admit(socket) {
      const record = recordOf(socket);
      if (record.overflowed) {
        // Parsing a flood costs memory until the in-flight replies are done: stop it here.
        if (++record.dropped > limits.maxRequestsPerSocket) socket.destroy();
        return "dropped";
      }
      if (record.inFlight >= limits.maxRequestsPerSocket) {
        record.overflowed = true;
        return "too-many";
      }
      if (record.inFlight++ === 0) {
        waiting.delete(socket);
        resting.delete(socket);
      }
      return "admitted";
    },
    finish(socket) {
      const record = sockets.get(socket);
      if (!record || record.inFlight === 0) return;
      record.inFlight--;
      if (record.inFlight === 0 && record.counted && !record.overflowed) resting.add(socket);
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

function first<T>(set: Set<T>): T | undefined {
  for (const item of set) return item;
  return undefined;
}
