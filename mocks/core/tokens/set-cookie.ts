/**
 * Writes the `Set-Cookie` value the spec's `x-cookie` extension documents. The attributes come
 * from the spec, so a change there changes the header here.
 */
import type { CookieContract } from "../../../openapi/document.ts";

/**
 * A writer of `token=<value>; Max-Age=…; Path=/; HttpOnly; Secure; SameSite=None` for one
 * contract. Every success writes a cookie, so the attributes after Max-Age are joined once.
 */
export function cookieWriter(
  contract: CookieContract,
): (value: string, maxAgeSeconds?: number) => string {
  const attributes = [`Path=${contract.path}`];
  if (contract.httpOnly) attributes.push("HttpOnly");
  if (contract.secure) attributes.push("Secure");
  attributes.push(`SameSite=${contract.sameSite}`);
  const fixed = `; ${attributes.join("; ")}`;
  return (value, maxAgeSeconds = contract.maxAgeSeconds) =>
    `${contract.name}=${value}; Max-Age=${maxAgeSeconds}${fixed}`;
}
