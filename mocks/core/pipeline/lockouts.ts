/**
 * Wrong-secret counts per account, for a spec that declares `outcomes.lockedOut`: after `after`
 * wrong secrets in a row, the account answers the lockout example for `seconds` on the
 * session's clock, whatever secret comes. One book per session; bounded (LOCKOUT_ENTRIES),
 * oldest entry dropped first, so a flood of identities cannot grow it.
 */
export const LOCKOUT_ENTRIES = 1000;

interface Entry {
  failures: number;
  lockedUntilMs: number;
}

export class LockoutBook {
  readonly #entries = new Map<string, Entry>();

  /** Whether `key` is locked at `nowMs`. */
  isLocked(key: string, nowMs: number): boolean {
    const entry = this.#entries.get(key);
    if (!entry || entry.lockedUntilMs === 0) return false;
    if (nowMs < entry.lockedUntilMs) return true;
    // The lock ran out: the count starts again.
    this.#entries.delete(key);
    return false;
  }

  /** Counts one wrong secret; locks the account for `seconds` at the `after`-th. */
  fail(key: string, nowMs: number, rule: { after: number; seconds: number }): void {
    let entry = this.#entries.get(key);
    if (!entry) {
      if (this.#entries.size >= LOCKOUT_ENTRIES) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      entry = { failures: 0, lockedUntilMs: 0 };
      this.#entries.set(key, entry);
    }
    entry.failures++;
    if (entry.failures >= rule.after) entry.lockedUntilMs = nowMs + rule.seconds * 1000;
  }

  /** A right secret clears the count. */
  succeed(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
