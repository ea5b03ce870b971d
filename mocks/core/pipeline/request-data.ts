/**
 * Reads a login request body the way an Express server with `express.json()` (and
 * `express.urlencoded()` for an API that documents forms) would: a body only when the content
 * type says so, anything unparseable treated as "no fields". Never throws.
 * Whether the fields make a valid login is the spec's call (see login-request.ts), not this file's.
 */
import {
  FORM_MEDIA_TYPE,
  isJsonContentType,
  mediaTypeEssence,
} from "../../../openapi/media-type.ts";

export type LoginFields = Readonly<Record<string, unknown>>;

export interface LoginInput {
  readonly contentType: string | null;
  readonly bodyText: string;
  /** Request headers the mock reads (lower-case names). */
  readonly prefer: string | null;
  readonly scenario: string | null;
  /** The `X-Mock-Session` header: which session serves the request (absent: the default). */
  readonly session?: string | null;
  /**
   * The `Cookie` header: a login reads only its `mock-session` cookie (when no header names a
   * session); a logout also reads the token cookie.
   */
  readonly cookie?: string | null;
  /** The `Authorization` header: only a logout reads it (a bearer token to revoke). */
  readonly authorization?: string | null;
  /**
   * The spec path or alias (`x-login-mock.aliases`) the request's URL matched, as the spec
   * writes it (a template stays a template): what the journal records. Absent: the operation's
   * path. Adapters pass it from their route, never from the request's own text.
   */
  readonly path?: string | undefined;
}

export { FORM_MEDIA_TYPE, isJsonContentType, mediaTypeEssence };

/**
 * The largest body `login-mock serve` reads when the spec documents no `x-body-limit-bytes`:
 * Express's default JSON limit (100 kB); a login body is a few hundred bytes.
 */
export const DEFAULT_BODY_LIMIT = 100 * 1024;

/**
 * The body's fields, read only in the media types the API's spec documents: a JSON object's,
 * or a form's (each value a string, the last of a repeated name winning); an empty record for
 * anything else, which the request schema then finds missing.
 */
export function readLoginFields(
  input: LoginInput,
  reads: { readonly json: boolean; readonly form: boolean } = { json: true, form: false },
): LoginFields {
  if (!isJsonContentType(input.contentType)) {
    if (!reads.form || mediaTypeEssence(input.contentType) !== FORM_MEDIA_TYPE) return {};
    return Object.fromEntries(new URLSearchParams(input.bodyText));
  }
  if (!reads.json) return {};
  try {
    const parsed: unknown = JSON.parse(input.bodyText);
    return isPlainRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * A string field with at least one non-blank character, else undefined. It only picks the
 * account a forced success logs in; it never decides whether a request is valid.
 */
export function nonEmptyString(fields: LoginFields, name: string): string | undefined {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function isPlainRecord(value: unknown): value is LoginFields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
