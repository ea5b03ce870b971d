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
  return `${contract.name}=${value}; Max-Age=${maxAgeSeconds}${fixedAttributes(contract)}`;
}

// Every success writes a cookie: the attributes after Max-Age are worked out once per contract.
const fixed = new WeakMap<CookieContract, string>();

function fixedAttributes(contract: CookieContract): string {
  let text = fixed.get(contract);
  if (text === undefined) {
    const attributes = [`Path=${contract.path}`];
    if (contract.httpOnly) attributes.push("HttpOnly");
    if (contract.secure) attributes.push("Secure");
    attributes.push(`SameSite=${contract.sameSite}`);
    text = `; ${attributes.join("; ")}`;
    fixed.set(contract, text);
  }
  return text;
}
