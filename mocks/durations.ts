/**
 * One grammar for a duration, wherever a person types one: the MSW-mode panel's clock field and
 * the Playwright fixture's `clock.advance("25h")`. Runtime-free and import-free, so the fixture's
 * entry can use it without the mock's core.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  d: 86_400,
  h: 3_600,
  min: 60,
  m: 60,
  s: 1,
};
const PART = /^(\d+(?:\.\d+)?)\s*(min|d|h|m|s)\s*/;

/**
 * Seconds in a duration, or undefined when it is not one: a number of seconds (`90`, `-30`), or
 * units d, h, m (or min), s, alone or combined largest first (`25h`, `90m`, `1h30m`, `1 d 2 h`,
 * `-2d`), with an optional sign.
 *
 * @example parseDuration("1d 2h") === 93600
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  const sign = trimmed.startsWith("-") ? -1 : 1;
  const body = trimmed.replace(/^[-+]\s*/, "");
  if (body === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(body)) return sign * Number(body);
  let seconds = 0;
  let previous = Number.POSITIVE_INFINITY;
  let rest = body;
  while (rest !== "") {
    const match = PART.exec(rest);
    const size = UNIT_SECONDS[match?.[2] ?? ""];
    if (!match || size === undefined || size >= previous) return undefined;
    previous = size;
    seconds += Number(match[1]) * size;
    rest = rest.slice(match[0].length);
  }
  return sign * seconds;
}
