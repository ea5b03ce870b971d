/**
 * base64url without padding (RFC 4648 §5), the JWT alphabet, over `btoa`/`atob` so the same
 * code runs in browsers and Node without `Buffer`.
 */
export function encodeBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The bytes of a base64url string, or null when it is not one (wrong alphabet or length). */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  // `atob` would accept "+", "/", "=" and whitespace; a JWT segment may hold none of them.
  if (!/^[\w-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
