/**
 * Real HS256 JWTs over WebCrypto's HMAC, so the same code runs in browsers and Node. Our own
 * few lines instead of a JWT library: one algorithm and four claims do not need 20 kB in the
 * browser. The key is the mock's own and documented: these tokens prove shape and lifetime,
 * not identity.
 */
import { decodeBase64url, encodeBase64url } from "./base64url.ts";
import { HEADER_JSON, payloadJson } from "./jwt-claims.ts";
import { ALGORITHM_PARAMS, type JwtAlgorithm, type VerificationKeys } from "./key-set.ts";
import { createNativeSigner } from "./native-signer.ts";

/** The signing key when none is configured. Public on purpose: it only signs mock tokens. */
export const DEFAULT_JWT_SECRET = "login-mock-demo-secret";

/** `sub`, and the claims the API's spec reads from the account's profile (`token.claims`). */
export interface TokenClaims {
  readonly sub: string;
  readonly [claim: string]: unknown;
}

export interface SignedToken {
  readonly token: string;
  /** Expiry in whole seconds since the epoch, as in the `exp` claim. */
  readonly exp: number;
}

/** The claims of a verified token. Ours always carry all four; other issuers may add more. */
export interface TokenPayload {
  readonly sub?: string;
  readonly iat?: number;
  readonly exp?: number;
  readonly nbf?: number;
  readonly [claim: string]: unknown;
}

/** The JOSE header of a verified token: HS256, or RS256/ES256 with the `kid` of its key. */
export interface TokenHeader {
  readonly alg: JwtAlgorithm;
  readonly kid?: string;
  readonly typ?: string;
  readonly [parameter: string]: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const HEADER = encodeText(HEADER_JSON);

// Imported once per secret: importing an HMAC key costs as much as signing with it.
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

function encodeText(text: string): string {
  return encodeBase64url(encoder.encode(text));
}

/** Signs claims at `nowMs` for `lifetimeSeconds`. Adapters may bring a faster one (see server/). */
export type TokenSigner = (
  claims: TokenClaims,
  timing: { nowMs: number; lifetimeSeconds: number },
) => Promise<SignedToken>;

/**
 * The signer a mock gets unless it is given one: the runtime's synchronous HMAC where there is
 * one (native-signer.ts), else WebCrypto. Both give the same bytes.
 */
export function createDefaultSigner(secret: string): TokenSigner {
  return createNativeSigner(secret) ?? createWebCryptoSigner(secret);
}

/** The portable signer: WebCrypto HMAC, in browsers and Node alike. */
function createWebCryptoSigner(secret: string): TokenSigner {
  return (claims, timing) => signToken(claims, { secret, ...timing });
}

/**
 * Signs `claims` at `nowMs`, valid for `lifetimeSeconds`, with the header and payload of
 * jwt-claims.ts.
 */
export async function signToken(
  claims: TokenClaims,
  options: { secret: string; nowMs: number; lifetimeSeconds: number },
): Promise<SignedToken> {
  const { json, exp } = payloadJson(claims, options.nowMs, options.lifetimeSeconds);
  const signingInput = `${HEADER}.${encodeText(json)}`;
  const signature = await crypto.subtle.sign(
    "HMAC",
    await keyFor(options.secret),
    encoder.encode(signingInput),
  );
  return { token: `${signingInput}.${encodeBase64url(new Uint8Array(signature))}`, exp };
}

function rejected(reason: string): Error {
  return new Error(`[login-mock] JWT rejected: ${reason}`);
}

/** The JSON object a base64url segment holds, or null. */
function decodeJsonObject(segment: string): Record<string, unknown> | null {
  const bytes = decodeBase64url(segment);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks everything about a token but its time claims: the shape, `alg` (HS256 under a secret,
 * or the key set's RS256/ES256 with a `kid` it keeps; `none` refused), the signature, and that
 * `iat`/`exp`/`nbf` are numbers. Throws on the first failure; `verifyToken` adds the time
 * checks, `whoami` judges the time itself.
 */
export async function verifySignature(
  token: string,
  key: string | VerificationKeys,
): Promise<{ payload: TokenPayload; protectedHeader: TokenHeader }> {
  const parts = token.split(".");
  const [header, payload, signature] = parts;
  // An empty signature passes this shape check on purpose: `alg: "none"` is then refused by name.
  if (
    parts.length !== 3 ||
    header === undefined ||
    payload === undefined ||
    signature === undefined
  )
    throw rejected("not a compact JWS (three base64url parts joined by dots).");

  const protectedHeader = decodeJsonObject(header);
  if (!protectedHeader) throw rejected("the header is not a base64url JSON object.");
  const alg = typeof key === "string" ? "HS256" : key.alg;
  if (protectedHeader.alg !== alg)
    throw rejected(`"alg" is ${JSON.stringify(protectedHeader.alg)}; only ${alg} is accepted.`);
  // No header extension is understood here, so none may be marked critical (RFC 7515 §4.1.11).
  if ("crit" in protectedHeader) throw rejected('"crit" header extensions are not supported.');

  const signatureBytes = decodeBase64url(signature);
  const signingInput = encoder.encode(`${header}.${payload}`);
  let valid = false;
  if (typeof key === "string")
    valid =
      signatureBytes !== null &&
      (await crypto.subtle.verify("HMAC", await keyFor(key), signatureBytes, signingInput));
  else {
    const { kid } = protectedHeader;
    const publicKey = typeof kid === "string" ? await key.key(kid) : undefined;
    if (!publicKey)
      throw rejected(
        `"kid" ${JSON.stringify(kid)} names no key of this mock's key set (/.well-known/jwks.json).`,
      );
    valid =
      signatureBytes !== null &&
      (await crypto.subtle.verify(
        ALGORITHM_PARAMS[key.alg].sign,
        publicKey,
        signatureBytes,
        signingInput,
      ));
  }
  if (!valid)
    throw rejected(
      typeof key === "string"
        ? "signature verification failed: the token was altered or signed with another secret (the mock's `jwtSecret`)."
        : "signature verification failed: the token was altered or signed with another key.",
    );

  const claims = decodeJsonObject(payload);
  if (!claims) throw rejected("the payload is not a base64url JSON object.");
  for (const name of ["iat", "exp", "nbf"] as const)
    if (name in claims && typeof claims[name] !== "number")
      throw rejected(`the "${name}" claim must be a number of seconds.`);
  return { payload: claims as TokenPayload, protectedHeader: protectedHeader as TokenHeader };
}

/** Where `nowMs` falls in a token's lifetime: `exp` <= now is expired, `nbf` > now too early. */
export function tokenTimeState(
  payload: TokenPayload,
  nowMs: number,
): "valid" | "expired" | "not-yet-valid" {
  const now = Math.floor(nowMs / 1000);
  if (typeof payload.exp === "number" && payload.exp <= now) return "expired";
  if (typeof payload.nbf === "number" && payload.nbf > now) return "not-yet-valid";
  return "valid";
}

/**
 * Verifies a token signed by `signToken` (or any HS256 JWT under `secret`; or, given `keys`, an
 * RS256/ES256 token of that key set) at `nowMs`. Rejects, in this order, a malformed token, any
 * other `alg` (`none` included), an unknown `kid`, a bad signature, and
 * an expired (`exp` <= now) or not-yet-valid (`nbf` > now) one.
 *
 * @example
 * const { payload } = await verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: Date.now() });
 * payload.email; // "user@example.com"
 */
export async function verifyToken(
  token: string,
  options: { secret: string; nowMs: number } | { keys: VerificationKeys; nowMs: number },
): Promise<{ payload: TokenPayload; protectedHeader: TokenHeader }> {
  const verified = await verifySignature(token, "keys" in options ? options.keys : options.secret);
  const { exp, nbf } = verified.payload;
  switch (tokenTimeState(verified.payload, options.nowMs)) {
    case "expired":
      throw rejected(
        `"exp" claim check failed: it expired at ${exp}, now is ${Math.floor(options.nowMs / 1000)}.`,
      );
    case "not-yet-valid":
      throw rejected(`"nbf" claim check failed: it is not valid before ${nbf}.`);
  }
  return verified;
}
