/**
 * HS256 through the runtime's own synchronous hashing where it has one: Node (and Bun and Deno)
 * hand out `node:crypto` through `process.getBuiltinModule`, which needs no import, so browser
 * bundles never meet `node:crypto` and the core stays runtime-free. In Node, WebCrypto's
 * `sign` is a thread-pool job and its promise per token, a large share of a login's cost; the
 * synchronous hash is a small fraction of it (figures: decision 8). Same bytes as `signToken`
 * (test/token-signers.test.ts).
 */
import type { TokenSigner } from "./jwt.ts";
import { HEADER_JSON, payloadJson } from "./jwt-claims.ts";

interface NodeCrypto {
  hash(algorithm: "sha256", data: string | Uint8Array, encoding: "buffer"): Uint8Array;
  hash(algorithm: "sha256", data: string | Uint8Array, encoding: "base64url"): string;
}
interface NodeBuffer {
  Buffer: { from(text: string): { toString(encoding: "base64url"): string } };
}

/** The synchronous signer, or undefined in a runtime without `process.getBuiltinModule`. */
export function createNativeSigner(secret: string): TokenSigner | undefined {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const load = host.process?.getBuiltinModule;
  if (typeof load !== "function") return undefined;
  const crypto = load.call(host.process, "node:crypto") as NodeCrypto | undefined;
  const buffer = load.call(host.process, "node:buffer") as NodeBuffer | undefined;
  if (typeof crypto?.hash !== "function" || !buffer?.Buffer) return undefined;
  const { Buffer } = buffer;
  const hmac = hmacSha256(crypto, secret);
  const header = Buffer.from(HEADER_JSON).toString("base64url");
  return async (claims, { nowMs, lifetimeSeconds }) => {
    const { json, exp } = payloadJson(claims, nowMs, lifetimeSeconds);
    const signingInput = `${header}.${Buffer.from(json).toString("base64url")}`;
    return { token: `${signingInput}.${hmac(signingInput)}`, exp };
  };
}

/**
 * HMAC-SHA256 (RFC 2104) of ASCII messages from two one-shot `crypto.hash` calls, the key pads
 * worked out once. Under load this cost less than a `createHmac` object per token (each carries
 * a native handle the GC must finalise): −5% CPU per login in bench:profile A/B runs.
 */
function hmacSha256(crypto: NodeCrypto, secret: string): (message: string) => string {
  const BLOCK = 64;
  const encoder = new TextEncoder();
  let key: Uint8Array = encoder.encode(secret);
  if (key.length > BLOCK) key = crypto.hash("sha256", key, "buffer");
  const padded = new Uint8Array(BLOCK);
  padded.set(key);
  const inner = padded.map((byte) => byte ^ 0x36);
  const outer = padded.map((byte) => byte ^ 0x5c);
  // An ASCII key's inner pad is ASCII too, so it can lead the message as a string; any other
  // key's pad goes in as bytes.
  const innerText = inner.every((byte) => byte < 0x80) ? String.fromCharCode(...inner) : undefined;
  return (message) => {
    let innerDigest: Uint8Array;
    if (innerText !== undefined) innerDigest = crypto.hash("sha256", innerText + message, "buffer");
    else {
      const bytes = encoder.encode(message);
      const data = new Uint8Array(BLOCK + bytes.length);
      data.set(inner);
      data.set(bytes, BLOCK);
      innerDigest = crypto.hash("sha256", data, "buffer");
    }
    const data = new Uint8Array(BLOCK + innerDigest.length);
    data.set(outer);
    data.set(innerDigest, BLOCK);
    return crypto.hash("sha256", data, "base64url");
  };
}
