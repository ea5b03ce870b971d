/**
 * A session's own time: the mock's base clock plus an offset QA can move. Tokens are issued
 * and judged on it, so a session can watch its tokens expire without waiting, while every
 * other session keeps its own time.
 */
import type { Clock } from "./clock.ts";

/** The most one move of a session clock may shift it (`advanceSeconds`), either way: 10 years. */
export const MAX_CLOCK_STEP_SECONDS = 10 * 365 * 24 * 60 * 60;

// A session's instant stays where ISO strings have four-digit years and `exp` is positive.
const EARLIEST_MS = 0;
const LATEST_MS = Date.parse("9999-12-31T23:59:59.999Z");

export interface ClockState {
  /** The session's now, ISO 8601. */
  readonly now: string;
  /** How far the session's clock is from the mock's own (real) time, in seconds. */
  readonly offsetSeconds: number;
  /** Whether the session runs on the mock's own time (offset 0). */
  readonly real: boolean;
}

export class SessionClock implements Clock {
  readonly base: Clock;
  /** Where the session starts after a reset: the `clockStart` instant, or real time. */
  readonly #startMs: number | undefined;
  offsetMs = 0;

  constructor(base: Clock, startMs?: number) {
    this.base = base;
    this.#startMs = startMs;
    this.restart();
  }

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  /** Back to the session's starting point: `clockStart` if the mock has one, else real time. */
  restart(): void {
    this.offsetMs = this.#startMs === undefined ? 0 : this.#startMs - this.base.now();
  }

  /** Back to the mock's own time (offset 0). */
  toReal(): void {
    this.offsetMs = 0;
  }

  /** Moves the clock by `seconds` (negative goes back). Throws a usage message when out of range. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || Math.abs(seconds) > MAX_CLOCK_STEP_SECONDS) {
      throw new RangeError(
        `[login-mock] advanceSeconds must be a number of seconds from -${MAX_CLOCK_STEP_SECONDS} to ${MAX_CLOCK_STEP_SECONDS} (10 years either way), not ${JSON.stringify(seconds)}. To jump further, set the time: {"now": "2030-01-01T00:00:00Z"}.`,
      );
    }
    this.#setOffset(this.offsetMs + Math.round(seconds * 1000));
  }

  /** Sets the session's now to `instantMs`; time runs on from there. */
  set(instantMs: number): void {
    this.#setOffset(instantMs - this.base.now());
  }

  state(): ClockState {
    return {
      now: new Date(this.now()).toISOString(),
      offsetSeconds: this.offsetMs / 1000,
      real: this.offsetMs === 0,
    };
  }

  #setOffset(offsetMs: number): void {
    const instantMs = this.base.now() + offsetMs;
    if (!(instantMs >= EARLIEST_MS && instantMs <= LATEST_MS)) {
      throw new RangeError(
        `[login-mock] A session's clock must stay between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z; that move would put it at ${Number.isFinite(instantMs) ? new Date(instantMs).toISOString() : String(instantMs)}.`,
      );
    }
    this.offsetMs = offsetMs;
  }
}

/**
 * The instant an ISO 8601 date-time names (with a time zone: `Z` or `±hh:mm`), or undefined.
 * A date alone or a time without a zone would depend on the machine's time zone.
 */
export function parseInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
