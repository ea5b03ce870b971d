/**
 * HS256 through the runtime's own synchronous HMAC where it has one: Node (and Bun and Deno)
 * hand out `node:crypto` through `process.getBuiltinModule`, which needs no import, so browser
 * bundles never meet `node:crypto` and the core stays runtime-free. In Node, WebCrypto's
 * `sign` costs ~100 µs a token (a thread-pool job and its promise; the MSW bench's profile put
 * it at a third of our handler's cost), this ~3 µs. Same bytes as `signToken`
 * (test/token-signers.test.ts).
 */
import type { TokenSigner } from "./jwt.ts";

interface NodeCrypto {
  createHmac(
    algorithm: "sha256",
    key: string,
  ): {
    update(data: string): { digest(encoding: "base64url"): string };
  };
}
interface NodeBuffer {
  Buffer: { from(text: string): { toString(encoding: "base64url"): string } };
}

const HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"; // {"alg":"HS256","typ":"JWT"}

/** The synchronous signer, or undefined in a runtime without `process.getBuiltinModule`. */
export function createNativeSigner(secret: string): TokenSigner | undefined {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const load = host.process?.getBuiltinModule;
  if (typeof load !== "function") return undefined;
  const crypto = load.call(host.process, "node:crypto") as NodeCrypto | undefined;
  const buffer = load.call(host.process, "node:buffer") as NodeBuffer | undefined;
  if (!crypto?.createHmac || !buffer?.Buffer) return undefined;
  const { Buffer } = buffer;
  return async (claims, { nowMs, lifetimeSeconds }) => {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + lifetimeSeconds;
    const payload = Buffer.from(
      JSON.stringify({ email: claims.email, sub: claims.sub, iat, exp }),
    ).toString("base64url");
    const signingInput = `${HEADER}.${payload}`;
    const signature = crypto.createHmac("sha256", secret).update(signingInput).digest("base64url");
    return { token: `${signingInput}.${signature}`, exp };
  };
}
