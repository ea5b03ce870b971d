/** Figures over benchmark rounds: the helpers bench/run.ts and bench/msw-report.ts print with. */

/** The middle value; with an even count, the mean of the two middle ones (two rounds: their mean). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}x`;
}

/** Median and spread of a figure over the rounds: "12.3 (11.9–13.0)"; one round, no spread. */
export function spread(values: readonly number[], digits: number, suffix = ""): string {
  const m = `${median(values).toFixed(digits)}${suffix}`;
  if (values.length < 2) return m;
  return `${m} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}
