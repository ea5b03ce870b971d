/** Anything shaped like a compact JWT (`eyJ…` header, payload, maybe-empty signature). */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

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

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
