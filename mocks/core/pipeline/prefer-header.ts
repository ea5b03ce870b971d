/**
 * Parses the `Prefer` request header the way Prism does (`Prefer: code=401, example=name`), so a
 * test suite can switch between Prism and this mock without changing its requests. `delay=ms`
 * is this mock's addition.
 */
import { MAX_DELAY_MS } from "./faults.ts";

export interface Preference {
  readonly code?: number;
  readonly example?: string;
  readonly delayMs?: number;
}

/**
 * Returns what the header asks for; unknown or malformed parts are ignored, as RFC 7240 says.
 * A preference is a wish, never an error: a delay above `MAX_DELAY_MS` is clamped to it, as
 * Prism-style servers honour what they can of a `Prefer` instead of refusing the request.
 */
export function parsePreferHeader(header: string | null | undefined): Preference {
  // Most requests send no Prefer: answer them without splitting an empty string.
  if (!header) return NO_PREFERENCE;
  const preference: { code?: number; example?: string; delayMs?: number } = {};
  for (const part of header.split(/[,;]/)) {
    const [rawKey, ...rest] = part.split("=");
    const key = rawKey?.trim().toLowerCase();
    const value = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (!key || !value) continue;
    if (key === "code" && /^\d{3}$/.test(value)) preference.code = Number(value);
    if (key === "example") preference.example = value;
    if (key === "delay" && /^\d+$/.test(value))
      preference.delayMs = Math.min(Number(value), MAX_DELAY_MS);
  }
  return preference;
}

const NO_PREFERENCE: Preference = Object.freeze({});
