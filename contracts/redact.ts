/**
 * Keeps secrets out of every report and log line: the secrets and challenge values the harness
 * was given, every token and cookie value it has seen, and anything shaped like a JWT.
 */
import { MAX_JSON_DEPTH } from "./bounded-json.ts";
import { JWT_SHAPE } from "./jwt.ts";

const EVERY_JWT = new RegExp(JWT_SHAPE.source, "g");
/**
 * Keys whose values are secrets wherever they appear in a body, whatever the API; each run adds
 * its own API's (the secret and challenge fields, the token's and refresh token's keys).
 */
const SECRET_KEYS = ["token", "jwt"];

export interface Redactor {
  /** Remembers a secret (an account's secret, a token, a cookie value) so it is never printed. */
  add(secret: string | undefined): void;
  redact(text: string): string;
  /**
   * A copy of a JSON value with secret keys' values and known secrets replaced; anything nested
   * deeper than `MAX_JSON_DEPTH` becomes `"[too deep]"` (replies are refused past that depth).
   */
  redactValue(value: unknown): unknown;
}

export function createRedactor(
  initial: readonly (string | undefined)[] = [],
  secretKeys: readonly string[] = [],
): Redactor {
  const secrets = new Set<string>();
  const keys = new Set([...SECRET_KEYS, ...secretKeys]);
  const add = (secret: string | undefined) => {
    // Very short values (a one-letter secret in a test) would redact ordinary words.
    if (secret && secret.length >= 4) secrets.add(secret);
  };
  for (const secret of initial) add(secret);

  function redact(text: string): string {
    let out = text.replace(EVERY_JWT, "[redacted jwt]");
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join("[redacted]");
    }
    return out;
  }

  function redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return redact(value);
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_JSON_DEPTH) return "[too deep]";
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        keys.has(key) && inner !== undefined && inner !== null
          ? "[redacted]"
          : redactValue(inner, depth + 1),
      ]),
    );
  }

  return { add, redact, redactValue: (value) => redactValue(value) };
}

/** A base URL fit for reports: any `user:password@` in it is replaced. */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return url;
  parsed.username = "redacted";
  parsed.password = "";
  return parsed.href;
}
