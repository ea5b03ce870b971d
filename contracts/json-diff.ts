/**
 * A short structural diff between a documented example and a body that failed: missing and
 * extra keys, changed types, and changed top-level values. Values pass through the redactor, so
 * a diff can be printed in CI logs. It descends only where the documented example is an object,
 * so no deeper than the example (a login body is 3 deep).
 */
import type { Redactor } from "./redact.ts";

export function diffJson(
  expected: unknown,
  actual: unknown,
  redactor: Redactor,
  limit = 20,
): string[] {
  const lines: string[] = [];
  const show = (value: unknown, path: string) => {
    // Redacted inside its parent, so a secret key's value (`token`) is hidden whatever it is.
    const key = path.slice(path.lastIndexOf("/") + 1);
    const redacted = (redactor.redactValue({ [key]: value }) as Record<string, unknown>)[key];
    const text = JSON.stringify(redacted) ?? "undefined";
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const kind = (value: unknown) =>
    value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  function walk(want: unknown, got: unknown, path: string, depth: number): void {
    if (lines.length >= limit) return;
    if (kind(want) !== kind(got)) {
      lines.push(`~ ${path || "/"}: expected ${kind(want)}, got ${kind(got)} ${show(got, path)}`);
      return;
    }
    if (want !== null && typeof want === "object" && !Array.isArray(want)) {
      const wantObject = want as Record<string, unknown>;
      const gotObject = got as Record<string, unknown>;
      for (const key of Object.keys(wantObject))
        if (!(key in gotObject)) lines.push(`- ${path}/${key} (missing)`);
      for (const key of Object.keys(gotObject))
        if (!(key in wantObject))
          lines.push(`+ ${path}/${key}: ${show(gotObject[key], `${path}/${key}`)}`);
      for (const key of Object.keys(wantObject))
        if (key in gotObject) walk(wantObject[key], gotObject[key], `${path}/${key}`, depth + 1);
      return;
    }
    if (depth <= 1 && !Array.isArray(want) && want !== got) {
      // Two secrets differ, but both print as "[redacted]": nothing to show.
      const [before, after] = [show(want, path), show(got, path)];
      if (before !== after) lines.push(`~ ${path}: ${before} → ${after}`);
    }
  }
  walk(expected, actual, "", 0);
  return lines.slice(0, limit);
}
