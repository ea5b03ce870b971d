import { parseBoundedJson } from "./bounded-json.ts";

const PART = "[A-Za-z0-9_-]";
/**
 * Anything shaped like a compact JWT: a base64url run holding `eyJ` (a JSON header), a `.`, a
 * non-empty run (payload), a `.`, a maybe-empty run (signature). Each run is matched from its
 * start and whole, as an atomic group (`(?=(…))\1`), so a scan is linear in the text: a body of
 * `eyJeyJ…` would cost the plain `eyJ[…]*\.` pattern quadratic time from every `eyJ` in it.
 */
export const JWT_SHAPE = new RegExp(
  `(?<!${PART})(?=${PART}*?eyJ)(?=(${PART}+))\\1\\.(?=(${PART}+))\\2\\.(?=(${PART}*))\\3`,
);

/** Reads a compact JWT's header and claims without verifying it (the harness has no key). */
export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

export function decodeJwt(token: string): DecodedJwt | string {
  const parts = token.split(".");
  if (parts.length !== 3) return `has ${parts.length} part(s), a compact JWT has 3`;
  if (!parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part)))
    return "has characters outside base64url";
  if (!parts[2]) return "has an empty signature (unsigned)";
  const header = decodePart(parts[0] ?? "");
  const claims = decodePart(parts[1] ?? "");
  if (!header) return "has a header that is not base64url JSON";
  if (!claims) return "has a payload that is not base64url JSON";
  return { header, claims };
}

/** A part's JSON object; anything nested deeper than `MAX_JSON_DEPTH` is refused as not JSON. */
function decodePart(part: string): Record<string, unknown> | undefined {
  const parsed = parseBoundedJson(Buffer.from(part, "base64url").toString("utf8"));
  if (parsed.kind !== "json") return undefined;
  const { value } = parsed;
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
