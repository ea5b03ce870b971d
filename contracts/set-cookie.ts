/**
 * Parses one `Set-Cookie` header line as RFC 6265 section 5.2 does: the first `name=value`
 * pair, then `;`-separated attributes. Each header line is parsed on its own: two cookies
 * folded into one line with a comma are not two cookies, and the check says so.
 */
export interface ParsedCookie {
  readonly name: string;
  readonly value: string;
  /** Attribute names lower-cased; a flag attribute (HttpOnly) has the value "". */
  readonly attributes: ReadonlyMap<string, string>;
  /** Attributes that appear more than once (the last one wins, RFC 6265 5.3). */
  readonly repeated: readonly string[];
}

export function parseSetCookie(line: string): ParsedCookie | undefined {
  const [pair = "", ...rest] = line.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return undefined;
  const attributes = new Map<string, string>();
  const repeated: string[] = [];
  for (const part of rest) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const at = trimmed.indexOf("=");
    const name = (at === -1 ? trimmed : trimmed.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? "" : trimmed.slice(at + 1).trim();
    if (attributes.has(name)) repeated.push(name);
    attributes.set(name, value);
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, repeated };
}
