/**
 * Reads a login request body the way an Express server with `express.json()` would: JSON only
 * when the content type says so, anything unparseable treated as "no fields". Never throws.
 */
export type LoginFields = Readonly<Record<string, unknown>>;

export interface LoginInput {
  readonly contentType: string | null;
  readonly bodyText: string;
  /** Request headers the mock reads (lower-case names). */
  readonly prefer: string | null;
  readonly scenario: string | null;
}

/** The body's fields, or an empty record when the body is not a JSON object. */
export function readLoginFields(input: LoginInput): LoginFields {
  if (!isJsonContentType(input.contentType)) return {};
  try {
    const parsed: unknown = JSON.parse(input.bodyText);
    return isPlainRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** A string field with at least one non-blank character, else undefined. */
export function nonEmptyString(fields: LoginFields, name: string): string | undefined {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Whether a field is present with a value a JavaScript `if (!value)` check lets through. */
export function isTruthyField(fields: LoginFields, name: string): boolean {
  return Object.hasOwn(fields, name) && Boolean(fields[name]);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}

function isJsonContentType(contentType: string | null): boolean {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || essence.endsWith("+json");
}

function isPlainRecord(value: unknown): value is LoginFields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
