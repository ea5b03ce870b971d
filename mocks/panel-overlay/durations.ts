/** Times and durations as the MSW-mode panel shows and reads them. */

export { parseDuration } from "../durations.ts";

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
