/**
 * Writes the `Set-Cookie` value the spec's `x-cookie` extension documents. The attributes come
 * from the spec, so a change there changes the header here.
 */
import type { CookieContract } from "../../openapi/document.ts";

/** `token=<value>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=None` */
export function serializeSetCookie(
  contract: CookieContract,
  value: string,
  maxAgeSeconds: number = contract.maxAgeSeconds,
): string {
  const attributes = [`${contract.name}=${value}`, `Max-Age=${maxAgeSeconds}`];
  attributes.push(`Path=${contract.path}`);
  if (contract.httpOnly) attributes.push("HttpOnly");
  if (contract.secure) attributes.push("Secure");
  attributes.push(`SameSite=${contract.sameSite}`);
  return attributes.join("; ");
}
