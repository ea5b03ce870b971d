/**
 * Real HS256 JWTs, signed with jose (WebCrypto, so the same code runs in browsers and Node).
 * The key is the mock's own and documented: these tokens prove shape and lifetime, not identity.
 */
import { jwtVerify, SignJWT } from "jose";

/** The signing key when none is configured. Public on purpose: it only signs mock tokens. */
export const DEFAULT_JWT_SECRET = "login-mock-demo-secret";

export interface TokenClaims {
  readonly sub: string;
  readonly email: string;
}

export interface SignedToken {
  readonly token: string;
  /** Expiry in whole seconds since the epoch, as in the `exp` claim. */
  readonly exp: number;
}

// Imported once per secret: importing an HMAC key costs as much as signing with it.
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

/** Signs claims at `nowMs` for `lifetimeSeconds`. Adapters may bring a faster one (see server/). */
export type TokenSigner = (
  claims: TokenClaims,
  timing: { nowMs: number; lifetimeSeconds: number },
) => Promise<SignedToken>;

/** The portable signer: jose over WebCrypto, in browsers and Node alike. */
export function createJoseSigner(secret: string): TokenSigner {
  return (claims, timing) => signToken(claims, { secret, ...timing });
}

/**
 * Signs `claims` at `nowMs`, valid for `lifetimeSeconds`. Header `{"alg":"HS256","typ":"JWT"}`,
 * payload `{"email","sub","iat","exp"}` in that order: other signers must match it byte for byte.
 */
export async function signToken(
  claims: TokenClaims,
  options: { secret: string; nowMs: number; lifetimeSeconds: number },
): Promise<SignedToken> {
  const iat = Math.floor(options.nowMs / 1000);
  const exp = iat + options.lifetimeSeconds;
  const token = await new SignJWT({ email: claims.email })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await keyFor(options.secret));
  return { token, exp };
}

/** Verifies a token signed by `signToken`; rejects a bad signature or an expired token. */
export async function verifyToken(token: string, options: { secret: string; nowMs: number }) {
  const { payload, protectedHeader } = await jwtVerify(token, await keyFor(options.secret), {
    algorithms: ["HS256"],
    currentDate: new Date(options.nowMs),
  });
  return { payload, protectedHeader };
}
