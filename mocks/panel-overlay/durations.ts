/** Times and durations as the MSW-mode panel shows and reads them. */

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/**
 * `25h`, `30m`, `2d`, `-1h`, `90s` or `90` (seconds) in seconds; undefined when unreadable.
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
  let rest = body;
  const part = /^(\d+(?:\.\d+)?)\s*(min|s|m|h|d)\s*/;
  while (rest !== "") {
    const match = part.exec(rest);
    if (!match) return undefined;
    seconds += Number(match[1]) * (UNITS[match[2] ?? "s"] ?? 1);
    rest = rest.slice(match[0].length);
  }
  return sign * seconds;
}

/** 93600 → `1 d 2 h`, as the server's panel words it (its sign dropped). */
export function formatDuration(totalSeconds: number): string {
  let s = Math.round(Math.abs(totalSeconds));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (!days && !hours && (s || parts.length === 0)) parts.push(`${s} s`);
  return parts.join(" ");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant in local time, `2030-01-01 09:00:00`. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
