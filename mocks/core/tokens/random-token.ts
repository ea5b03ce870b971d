import { encodeBase64url } from "./base64url.ts";

const TOKEN_BYTES = 32;
/** Tokens' worth of random bytes drawn at once: WebCrypto's cost is per call, not per byte. */
const POOL_TOKENS = 128;
let pool = new Uint8Array(0);
let offset = 0;

/** An opaque, URL-safe random token (32 bytes, base64url), from WebCrypto in any runtime. */
export function randomToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    // A fresh pool each time: a token handed out is never read from bytes that change later.
    pool = crypto.getRandomValues(new Uint8Array(TOKEN_BYTES * POOL_TOKENS));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return encodeBase64url(bytes);
}
