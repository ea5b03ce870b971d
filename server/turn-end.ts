/**
 * Work queued here runs at the end of the current event-loop turn, after every I/O callback
 * of that turn, in the order it was queued. The server writes its replies through it, so the
 * replies to all the requests read in one turn leave back to back.
 *
 * Why: on loopback, a write that wakes a client asleep on another core pays for the wake-up
 * inside the write system call, on the server's CPU. A server slower than its client finds it
 * asleep after every reply; written together, only the first reply of a turn pays (decision 8
 * has the CPU per login before and after, at full load and at a fixed rate).
 *
 * Bound: only the replies made during the current turn wait, and they leave before the loop
 * waits for I/O again: at most one per request read in that turn, so at most the open
 * connections times the requests each may pipeline (`server/held-work.ts`).
 */
import { setImmediate } from "node:timers";

const queued: (() => void)[] = [];

/** Runs `task` at the end of this turn. `task` must not throw: nothing would catch it. */
export function atTurnEnd(task: () => void): void {
  queued.push(task);
  // node:timers' own setImmediate, so a test's fake timers cannot hold replies back.
  if (queued.length === 1) setImmediate(runQueued);
}

function runQueued(): void {
  // Work queued while these run (a reply made by a reply) waits for the next turn.
  for (const task of queued.splice(0)) task();
}
