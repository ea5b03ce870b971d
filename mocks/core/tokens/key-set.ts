/**
 * Asymmetric signing keys for RS256 and ES256 tokens (`alg` option, `serve --alg`): generated
 * with WebCrypto when the mock is made, so the core stays runtime-free; each token names its key
 * by `kid`; the public halves are published as a JWKS (`/.well-known/jwks.json`). Rotation makes
 * a new key current and keeps the previous ones for verification: the last MAX_KEYS_KEPT keys,
 * the current one included. A token signed by a key that has left the set no longer verifies.
 * Mock keys: they prove that a verifier checks signatures by `kid`, not anyone's identity.
 */
import { encodeBase64url } from "./base64url.ts";
import type { TokenSigner } from "./jwt.ts";
import { headerJson, payloadJson } from "./jwt-claims.ts";

/** The algorithms the mock signs with: HS256 (the default, shared secret), RS256, ES256. */
export const JWT_ALGORITHMS = ["HS256", "RS256", "ES256"] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
export type AsymmetricAlgorithm = Exclude<JwtAlgorithm, "HS256">;

/** Keys kept for verification, the current one included: a rotation drops the oldest past it. */
export const MAX_KEYS_KEPT = 3;

/** A public key as a JWKS lists it (RFC 7517), with the members a JWKS client looks keys up by. */
export interface PublicJwk {
  readonly kty: "RSA" | "EC";
  readonly kid: string;
  readonly alg: AsymmetricAlgorithm;
  readonly use: "sig";
  readonly n?: string;
  readonly e?: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
}

/** What `rotate` answers: the new current key's id, and every id kept (oldest first). */
export interface KeyRotation {
  readonly kid: string;
  readonly kept: readonly string[];
}

/** The verifying side of a key set: its algorithm and its kept keys by `kid`. */
export interface VerificationKeys {
  readonly alg: AsymmetricAlgorithm;
  key(kid: string): Promise<CryptoKey | undefined>;
}

export interface KeySet extends VerificationKeys {
  /** Signs with the current key, its `kid` in the header. */
  readonly signer: TokenSigner;
  /** The public keys kept, oldest first. */
  jwks(): Promise<{ keys: PublicJwk[] }>;
  /** Makes a fresh key current; keeps the last MAX_KEYS_KEPT. */
  rotate(): Promise<KeyRotation>;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: PublicJwk;
  readonly header: string;
}

const encoder = new TextEncoder();

/** WebCrypto's parameters for each algorithm: to generate, and to sign and verify. */
export const ALGORITHM_PARAMS = {
  RS256: {
    generate: {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
  ES256: {
    generate: { name: "ECDSA", namedCurve: "P-256" },
    // WebCrypto's ECDSA signature is r||s, the JWS form (RFC 7518 §3.4): no DER to convert.
    sign: { name: "ECDSA", hash: "SHA-256" },
  },
} as const;

/**
 * A private key to sign with instead of a generated one (`signingKey` option, `serve --key`): a
 * private JWK (RSA for RS256, EC P-256 for ES256), or a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
 */
export type SigningKeySource = JsonWebKey | string;

/**
 * A key set for `alg`, its first key `initial` if given, else generated now. A key that cannot
 * be imported rejects every signature and `jwks()` with the reason (`serve` awaits it at start).
 */
export function createKeySet(alg: AsymmetricAlgorithm, initial?: SigningKeySource): KeySet {
  let keys: Promise<readonly SigningKey[]> = (
    initial === undefined ? generateKey(alg) : importSigningKey(alg, initial)
  ).then((key) => [key]);
  // Rejected keys are reported to whoever signs or reads the set, never as an unhandled rejection.
  keys.catch(() => {});
  const params = ALGORITHM_PARAMS[alg];
  return {
    alg,
    async key(kid) {
      return (await keys).find((key) => key.kid === kid)?.publicKey;
    },
    async jwks() {
      return { keys: (await keys).map((key) => key.jwk) };
    },
    async rotate() {
      const next = keys.then(async (list) =>
        [...list, await generateKey(alg)].slice(-MAX_KEYS_KEPT),
      );
      keys = next;
      const list = await next;
      return { kid: list[list.length - 1]?.kid ?? "", kept: list.map((key) => key.kid) };
    },
    signer: async (claims, { nowMs, lifetimeSeconds }) => {
      const list = await keys;
      const current = list[list.length - 1];
      if (!current) throw new Error("[login-mock] The key set has no signing key.");
      const { json, exp } = payloadJson(claims, nowMs, lifetimeSeconds);
      const signingInput = `${current.header}.${encodeBase64url(encoder.encode(json))}`;
      const signature = await crypto.subtle.sign(
        params.sign,
        current.privateKey,
        encoder.encode(signingInput),
      );
      return { token: `${signingInput}.${encodeBase64url(new Uint8Array(signature))}`, exp };
    },
  };
}

async function generateKey(alg: AsymmetricAlgorithm): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM_PARAMS[alg].generate, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  return signingKeyOf(alg, pair.privateKey, pair.publicKey);
}

/** What an imported key must be for each algorithm, in words and as WebCrypto imports it. */
const IMPORT_PARAMS = {
  RS256: { words: "an RSA private key", params: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } },
  ES256: { words: "an EC P-256 private key", params: { name: "ECDSA", namedCurve: "P-256" } },
} as const;

/** A private key from a JWK or a PKCS#8 PEM, with its public half, or a rejection saying why. */
export async function importSigningKey(
  alg: AsymmetricAlgorithm,
  source: SigningKeySource,
): Promise<SigningKey> {
  const { words, params } = IMPORT_PARAMS[alg];
  const problem = (why: string) =>
    new Error(
      `[login-mock] The signing key is not ${words} for ${alg} (${why}). Give a private JWK (${alg === "RS256" ? '"kty": "RSA" with d, p, q' : '"kty": "EC", "crv": "P-256" with d'}) or a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), or leave it out to generate one.`,
    );
  let privateKey: CryptoKey;
  try {
    if (typeof source === "string") {
      const body = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(
        source,
      )?.[1];
      if (!body) throw problem("no PKCS#8 PEM block");
      const der = Uint8Array.from(atob(body.replace(/\s+/g, "")), (char) => char.charCodeAt(0));
      privateKey = await crypto.subtle.importKey("pkcs8", der, params, true, ["sign"]);
    } else {
      if (typeof source.d !== "string") throw problem("a public key: no private part `d`");
      const { alg: _alg, key_ops: _ops, use: _use, ...jwk } = source;
      privateKey = await crypto.subtle.importKey("jwk", jwk, params, true, ["sign"]);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("[login-mock]")) throw error;
    throw problem(error instanceof Error ? error.message : String(error));
  }
  // The public half: the private JWK without its private members.
  const {
    d: _d,
    p: _p,
    q: _q,
    dp: _dp,
    dq: _dq,
    qi: _qi,
    oth: _oth,
    key_ops: _k,
    ...publicJwk
  } = await crypto.subtle.exportKey("jwk", privateKey);
  const publicKey = await crypto.subtle.importKey("jwk", publicJwk, params, true, ["verify"]);
  // WebCrypto imports an RSA JWK whose public and private members do not belong together:
  // one signature, verified, proves the pair before any token is signed with it.
  const probe = encoder.encode("login-mock key check");
  const { sign } = ALGORITHM_PARAMS[alg];
  const verified = await crypto.subtle
    .sign(sign, privateKey, probe)
    .then((signature) => crypto.subtle.verify(sign, publicKey, signature, probe))
    .catch(() => false);
  if (!verified) throw problem("its public and private parts do not belong to one key");
  return signingKeyOf(alg, privateKey, publicKey);
}

async function signingKeyOf(
  alg: AsymmetricAlgorithm,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
): Promise<SigningKey> {
  const exported = await crypto.subtle.exportKey("jwk", publicKey);
  const kid = await jwkThumbprint(exported);
  const members =
    exported.kty === "RSA"
      ? { kty: "RSA" as const, n: exported.n ?? "", e: exported.e ?? "" }
      : { kty: "EC" as const, crv: exported.crv ?? "", x: exported.x ?? "", y: exported.y ?? "" };
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { ...members, kid, alg, use: "sig" },
    header: encodeBase64url(encoder.encode(headerJson(alg, kid))),
  };
}

/**
 * A key's id: its RFC 7638 SHA-256 thumbprint, base64url (what jose's `calculateJwkThumbprint`
 * gives), so the same public key always has the same id.
 */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const required =
    jwk.kty === "RSA"
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify(required)));
  return encodeBase64url(new Uint8Array(digest));
}
