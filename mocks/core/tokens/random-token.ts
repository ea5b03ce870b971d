import { encodeBase64url } from "./base64url.ts";

/** An opaque, URL-safe random token (32 bytes, base64url), from WebCrypto in any runtime. */
export function randomToken(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(32)));
}
