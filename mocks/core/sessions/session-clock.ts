/**
 * A session's own time: the mock's base clock plus an offset QA can move. Tokens are issued
 * and judged on it, so a session can watch its tokens expire without waiting, while every
 * other session keeps its own time.
 */
import { builtInApis } from "../../../presets/index.ts";
import { longestTokenLifetimeSeconds } from "../tokens/token-lifetime.ts";
import type { Clock } from "./clock.ts";

/** The most one move of a session clock may shift it (`advanceSeconds`), either way: 10 years. */
export const MAX_CLOCK_STEP_SECONDS = 10 * 365 * 24 * 60 * 60;

/** The last instant an RFC 3339 date-time can name: its year has four digits. */
export const LATEST_RFC3339_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const LAST_SECOND = Math.floor(LATEST_RFC3339_MS / 1000);

/**
 * The instants a session's clock may show. From the epoch (a token's `iat` and `exp` stay
 * positive) to the last instant whose tokens, living `roomSeconds`, still expire at a
 * date-time with a four-digit year: every time a reply writes (`expirationTime`, whoami's
 * `expiresAt`, the journal's `time`) is then RFC 3339, as the specs promise.
 */
export interface ClockRange {
  readonly earliestMs: number;
  readonly latestMs: number;
  /** The longest token lifetime the range leaves room for, in seconds. */
  readonly roomSeconds: number;
}

/** The clock range that leaves room for tokens living `roomSeconds` (whole seconds). */
export function clockRange(roomSeconds: number): ClockRange {
  // A token issued at `now` has exp = floor(now / 1000) + lifetime.
  return { earliestMs: 0, latestMs: (LAST_SECOND - roomSeconds) * 1000 + 999, roomSeconds };
}

/** The range of a mock of the built-in APIs whose tokens live their documented lifetimes. */
export const DOCUMENTED_CLOCK_RANGE = clockRange(longestTokenLifetimeSeconds(builtInApis()));

/** A move that would take a session's clock out of its range; says the range. */
export class ClockRangeError extends RangeError {
  readonly earliest: string;
  readonly latest: string;

  constructor(range: ClockRange, what: string) {
    const earliest = new Date(range.earliestMs).toISOString();
    const latest = new Date(range.latestMs).toISOString();
    super(
      `[login-mock] A session's clock must stay between ${earliest} and ${latest}, so that a token issued at any of its instants, living up to ${range.roomSeconds} s (the longest token lifetime of this mock), still expires at an RFC 3339 date-time (a four-digit year); ${what}.`,
    );
    this.earliest = earliest;
    this.latest = latest;
  }
}

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
  /** The instants the clock may show; it stands still at either end rather than leave it. */
  readonly range: ClockRange;
  /** Where the session starts after a reset: the `clockStart` instant, or real time. */
  readonly #startMs: number | undefined;
  offsetMs = 0;

  /** Throws a ClockRangeError when `startMs` is outside `range`. */
  constructor(base: Clock, startMs?: number, range: ClockRange = DOCUMENTED_CLOCK_RANGE) {
    this.base = base;
    this.range = range;
    if (startMs !== undefined && !this.#inRange(startMs)) {
      throw new ClockRangeError(range, `clockStart ${instantText(startMs)} is not`);
    }
    this.#startMs = startMs;
    this.restart();
  }

  now(): number {
    return this.at(this.base.now());
  }

  /**
   * The session's instant when the base clock reads `baseMs`. Time runs on from a set clock,
   * so it can reach the range's end: there it stands still.
   */
  at(baseMs: number): number {
    const { earliestMs, latestMs } = this.range;
    return Math.min(latestMs, Math.max(earliestMs, baseMs + this.offsetMs));
  }

  /** Back to the session's starting point: `clockStart` if the mock has one, else real time. */
  restart(): void {
    this.offsetMs = this.#startMs === undefined ? 0 : this.#startMs - this.base.now();
  }

  /** Back to the mock's own time (offset 0). */
  toReal(): void {
    this.offsetMs = 0;
  }

  /**
   * Moves the clock by `seconds` (negative goes back). Throws a usage message when the step is
   * out of bounds, a ClockRangeError when it would leave the range.
   */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || Math.abs(seconds) > MAX_CLOCK_STEP_SECONDS) {
      throw new RangeError(
        `[login-mock] advanceSeconds must be a number of seconds from -${MAX_CLOCK_STEP_SECONDS} to ${MAX_CLOCK_STEP_SECONDS} (10 years either way), not ${JSON.stringify(seconds)}. To jump further, set the time: {"now": "2030-01-01T00:00:00Z"}.`,
      );
    }
    const baseMs = this.base.now();
    const targetMs = this.at(baseMs) + Math.round(seconds * 1000);
    if (!this.#inRange(targetMs)) {
      throw new ClockRangeError(
        this.range,
        `advancing ${seconds} s would put it at ${instantText(targetMs)}`,
      );
    }
    this.offsetMs = targetMs - baseMs;
  }

  /** Sets the session's now to `instantMs`; time runs on from there. Throws a ClockRangeError. */
  set(instantMs: number): void {
    if (!this.#inRange(instantMs)) {
      throw new ClockRangeError(this.range, `${instantText(instantMs)} is not`);
    }
    this.offsetMs = instantMs - this.base.now();
  }

  state(): ClockState {
    return {
      now: new Date(this.now()).toISOString(),
      offsetSeconds: this.offsetMs / 1000,
      real: this.offsetMs === 0,
    };
  }

  #inRange(instantMs: number): boolean {
    return instantMs >= this.range.earliestMs && instantMs <= this.range.latestMs;
  }
}

function instantText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** Why a text is not an RFC 3339 date-time, or the instant it names. */
export type InstantReading = { readonly ms: number } | { readonly reason: string };

// RFC 3339 §5.6: full-date "T" full-time; seconds required, a fraction optional, a zone
// required (Z or ±hh:mm). "T" and "Z" may be lower case (§5.6, NOTE). No leap second: the
// mock's instants are JavaScript's, which have none.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Reads an RFC 3339 date-time (`2030-01-01T09:00:00Z`, `2030-01-01T10:00:00.5+01:00`) on a
 * real calendar: month 01–12, a day the month has (February 29 only in leap years), hour
 * 00–23, minute and second 00–59, zone offset at most 23:59.
 */
export function readInstant(text: string): InstantReading {
  const match = RFC3339.exec(text);
  if (!match) {
    return {
      reason: `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is not an RFC 3339 date-time: write it as 2030-01-01T09:00:00Z (seconds and a zone, Z or ±hh:mm, required; a fraction of a second optional)`,
    };
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = match[7] ?? "";
  const [sign, offsetHours, offsetMinutes] = [match[8], Number(match[9]), Number(match[10])];
  const wrong = (why: string) => ({
    reason: `${JSON.stringify(text)} is not an RFC 3339 date-time: ${why}`,
  });
  if (month < 1 || month > 12) return wrong(`month ${match[2]} is not 01–12`);
  const days = daysIn(year, month);
  if (day < 1 || day > days) {
    return wrong(`${MONTHS[month - 1]} ${year} has days 01–${days}, not ${match[3]}`);
  }
  if (hour > 23) return wrong(`hour ${match[4]} is not 00–23`);
  if (minute > 59) return wrong(`minute ${match[5]} is not 00–59`);
  if (second > 59) return wrong(`second ${match[6]} is not 00–59`);
  if (sign !== undefined && (offsetHours > 23 || offsetMinutes > 59)) {
    return wrong(`the zone offset ${sign}${match[9]}:${match[10]} is not within ±23:59`);
  }
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, "0")));
  const offsetMs =
    sign === undefined ? 0 : (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return { ms: date.getTime() - offsetMs };
}

/** The instant an RFC 3339 date-time names (see readInstant), or undefined. */
export function parseInstant(text: string): number | undefined {
  const reading = readInstant(text);
  return "ms" in reading ? reading.ms : undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
