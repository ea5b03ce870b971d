/**
 * Signature checks of issued JWTs (`--jwks-url`, `--jwt-secret`): the key set is fetched once
 * per run by the one bounded reader every reply goes through (size, headers, time), and each
 * token the target issues (a login's, a refresh's) is verified with WebCrypto against it: its
 * `kid` names a key of the set (a token without one is judged only against a set of one key),
 * its `alg` fits that key, and the signature verifies. RS256 is RSASSA-PKCS1-v1_5, ES256 ECDSA
 * P-256 with the raw r||s signature JWS uses, HS256 HMAC with the shared secret; their SHA-384
 * and SHA-512 siblings and PS256/384/512 the same way. No dependency: `crypto.subtle` is Node's.
 * The secret and the key set's private parts are never printed: violations name keys by `kid`.
 */
import {
  causeCode,
  fetchBounded,
  formatSeconds,
  NoReplyError,
  ReplyAbortedError,
  ReplyLimitError,
  type ReplyLimits,
} from "./bounded-reply.ts";
import { decodeJwt } from "./jwt.ts";
import { displayUrl } from "./redact.ts";

/** The most keys a key set may hold: each is imported on demand, and a real set has a few. */
export const MAX_JWKS_KEYS = 100;

export interface KeySetSource {
  /** `--jwks-url`: where the public keys are published. */
  readonly jwksUrl?: string | undefined;
  /** `--jwt-secret`: the shared secret of HS256 (HS384, HS512) tokens. */
  readonly jwtSecret?: string | undefined;
}

export interface KeySetRead {
  readonly timeoutMs: number;
  readonly limits?: Partial<ReplyLimits> | undefined;
  /** The run's deadline. */
  readonly signal?: AbortSignal | undefined;
}

/** Judges one token's signature: its violations (none when it verifies), or null for no JWT. */
export type JwtVerifier = (token: string) => Promise<string[] | null>;

export type KeySetLoad =
  | {
      readonly kind: "ready";
      readonly verify: JwtVerifier;
      /** How many keys the set holds (0 with only a secret). */
      readonly keys: number;
      /** The key set's reply, when one was fetched. */
      readonly received?: { status: number; contentType: string | null; ms: number };
    }
  /** The key set came back, but cannot be used: the target's fault, a violation. */
  | {
      readonly kind: "unusable";
      readonly check: "jwt-signature" | "reply-limits";
      readonly violation: string;
      readonly received?: { status: number; contentType: string | null; ms: number };
    }
  /** No reply: a network problem, not a violation. */
  | { readonly kind: "no-reply"; readonly reason: string };

interface Jwk {
  readonly kty?: unknown;
  readonly kid?: unknown;
  readonly alg?: unknown;
  readonly use?: unknown;
  readonly crv?: unknown;
  readonly [member: string]: unknown;
}

/** WebCrypto's parameters for each `alg` the harness verifies, and the key type it needs. */
const ALGORITHMS: Readonly<
  Record<
    string,
    {
      readonly kty: "RSA" | "EC" | "oct";
      readonly crv?: string;
      readonly importParams: RsaHashedImportParams | EcKeyImportParams | HmacImportParams;
      readonly verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
      /** The raw r||s signature's length in bytes (ECDSA). */
      readonly signatureBytes?: number;
    }
  >
> = {
  RS256: rsa("RSASSA-PKCS1-v1_5", "SHA-256"),
  RS384: rsa("RSASSA-PKCS1-v1_5", "SHA-384"),
  RS512: rsa("RSASSA-PKCS1-v1_5", "SHA-512"),
  PS256: rsa("RSA-PSS", "SHA-256", 32),
  PS384: rsa("RSA-PSS", "SHA-384", 48),
  PS512: rsa("RSA-PSS", "SHA-512", 64),
  ES256: ec("P-256", "SHA-256", 64),
  ES384: ec("P-384", "SHA-384", 96),
  ES512: ec("P-521", "SHA-512", 132),
  HS256: hmac("SHA-256"),
  HS384: hmac("SHA-384"),
  HS512: hmac("SHA-512"),
};

function rsa(name: string, hash: string, saltLength?: number) {
  return {
    kty: "RSA" as const,
    importParams: { name, hash },
    verifyParams: saltLength === undefined ? { name } : { name, saltLength },
  };
}

function ec(namedCurve: string, hash: string, signatureBytes: number) {
  return {
    kty: "EC" as const,
    crv: namedCurve,
    importParams: { name: "ECDSA", namedCurve },
    verifyParams: { name: "ECDSA", hash },
    signatureBytes,
  };
}

function hmac(hash: string) {
  return { kty: "oct" as const, importParams: { name: "HMAC", hash }, verifyParams: "HMAC" };
}

/** The `alg` values the harness verifies, for messages. */
export const VERIFIED_ALGORITHMS = Object.keys(ALGORITHMS);

/**
 * Fetches the key set (when a URL is given) and returns the verifier; a key set that cannot be
 * read or used says why, in one line, instead of throwing.
 */
export async function loadKeySet(source: KeySetSource, read: KeySetRead): Promise<KeySetLoad> {
  if (source.jwksUrl === undefined)
    return { kind: "ready", keys: 0, verify: createVerifier([], source.jwtSecret) };
  const shown = displayUrl(source.jwksUrl);
  const started = performance.now();
  let reply: Awaited<ReturnType<typeof fetchBounded>>;
  try {
    reply = await fetchBounded(
      source.jwksUrl,
      {
        method: "GET",
        headers: { accept: "application/jwk-set+json, application/json" },
        redirect: "manual",
      },
      read,
    );
  } catch (error) {
    if (error instanceof ReplyLimitError)
      return {
        kind: "unusable",
        check: "reply-limits",
        violation: `the key set at ${shown}: ${error.message}`,
        ...(error.received
          ? { received: { ...error.received, ms: Math.round(performance.now() - started) } }
          : {}),
      };
    if (error instanceof NoReplyError)
      return {
        kind: "no-reply",
        reason: `no key set from ${shown} within ${formatSeconds(read.timeoutMs)} (--timeout); check --jwks-url`,
      };
    if (error instanceof ReplyAbortedError)
      return {
        kind: "no-reply",
        reason: `no key set from ${shown} before the run stopped; check --jwks-url`,
      };
    const code = causeCode(error);
    return {
      kind: "no-reply",
      reason: `no key set from ${shown} (${code ?? (error instanceof Error ? error.message : String(error))}); check --jwks-url and that it is up`,
    };
  }
  const received = {
    status: reply.status,
    contentType: reply.headers.get("content-type") ?? null,
    ms: Math.round(performance.now() - started),
  };
  const unusable = (violation: string): KeySetLoad => ({
    kind: "unusable",
    check: "jwt-signature",
    violation: `the key set at ${shown} ${violation}`,
    received,
  });
  if (reply.status !== 200) {
    const location = reply.headers.get("location");
    return unusable(
      `answered ${reply.status}, not 200${location ? ` (a redirect: give its target, ${displayUrl(location)}, as --jwks-url)` : ""}`,
    );
  }
  const json = reply.json;
  if (json === undefined) return unusable(`is not JSON (${reply.bodyText.length} bytes)`);
  if (json === null || typeof json !== "object" || !Array.isArray((json as Jwk).keys))
    return unusable('has no `keys` array: a JWK Set is `{ "keys": [ … ] }` (RFC 7517 §5)');
  const keys = (json as { keys: unknown[] }).keys;
  if (keys.length === 0) return unusable("has no keys");
  if (keys.length > MAX_JWKS_KEYS)
    return unusable(`has ${keys.length} keys; the harness reads at most ${MAX_JWKS_KEYS}`);
  const index = keys.findIndex(
    (key) => key === null || typeof key !== "object" || typeof (key as Jwk).kty !== "string",
  );
  if (index !== -1)
    return unusable(`has a key (number ${index + 1}) that is not a JWK with a \`kty\``);
  for (const [at, key] of (keys as Jwk[]).entries()) {
    const secret = PRIVATE_MEMBERS.find((member) => key[member] !== undefined);
    if (secret)
      return unusable(
        `publishes the private or shared part (\`${secret}\`) of its key ${typeof key.kid === "string" ? `"${key.kid}"` : `number ${at + 1}`}: a key set holds public keys only`,
      );
  }
  return {
    kind: "ready",
    keys: keys.length,
    verify: createVerifier(keys as Jwk[], source.jwtSecret),
    received,
  };
}

/** JWK members that hold a private key (RSA, EC) or a shared secret (oct): never published. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

const encoder = new TextEncoder();

/**
 * The verifier of one run: keys are imported once each, on first use. The secret (for HS*
 * tokens) stands beside the key set and is never named in a violation.
 */
export function createVerifier(keys: readonly Jwk[], secret: string | undefined): JwtVerifier {
  const imported = new Map<string, Promise<CryptoKey | string>>();
  const describe = (key: Jwk, at: number) =>
    typeof key.kid === "string" ? `"${key.kid}"` : `number ${at + 1} (no kid)`;

  function importOnce(
    id: string,
    make: () => Promise<CryptoKey>,
    what: string,
  ): Promise<CryptoKey | string> {
    let found = imported.get(id);
    if (!found) {
      found = make().catch(
        (error: unknown) =>
          `${what} cannot be read (${error instanceof Error ? error.message : String(error)})`,
      );
      imported.set(id, found);
    }
    return found;
  }

  return async (token) => {
    const decoded = decodeJwt(token);
    // Not a JWT: the `jwt` check says so.
    if (typeof decoded === "string") return null;
    const { alg, kid } = decoded.header;
    if (typeof alg !== "string" || alg.toLowerCase() === "none")
      return [`alg is ${JSON.stringify(alg)}: there is no signature to verify`];
    const algorithm = ALGORITHMS[alg];
    if (!algorithm)
      return [
        `alg is ${alg}, which the harness does not verify (${VERIFIED_ALGORITHMS.join(", ")}); --skip-check jwt-signature leaves it out`,
      ];
    let key: CryptoKey | string;
    let named: string;
    if (algorithm.kty === "oct") {
      if (secret === undefined)
        return [
          `alg is ${alg}, signed with a shared secret: pass it as --jwt-secret (CONTRACT_JWT_SECRET) to verify the token`,
        ];
      named = "--jwt-secret";
      key = await importOnce(
        `secret:${alg}`,
        () =>
          crypto.subtle.importKey("raw", encoder.encode(secret), algorithm.importParams, false, [
            "verify",
          ]),
        "the secret",
      );
    } else {
      const chosen = chooseKey(keys, kid, alg);
      if (typeof chosen === "string") return [chosen];
      const { jwk, at } = chosen;
      named = `the key ${describe(jwk, at)} of the key set`;
      const misfit = keyMisfit(jwk, alg, algorithm);
      if (misfit) return [`alg is ${alg}, but ${named} ${misfit}`];
      key = await importOnce(
        `${at}:${alg}`,
        () =>
          crypto.subtle.importKey("jwk", publicMembers(jwk), algorithm.importParams, false, [
            "verify",
          ]),
        named,
      );
    }
    if (typeof key === "string") return [key];
    const [header = "", payload = "", signatureText = ""] = token.split(".");
    const signature = Buffer.from(signatureText, "base64url");
    if (algorithm.signatureBytes !== undefined && signature.length !== algorithm.signatureBytes)
      return [
        `the ${alg} signature is ${signature.length} bytes, not the ${algorithm.signatureBytes} of JWS's raw r||s form (a DER-encoded signature?)`,
      ];
    let valid: boolean;
    try {
      valid = await crypto.subtle.verify(
        algorithm.verifyParams,
        key,
        signature,
        encoder.encode(`${header}.${payload}`),
      );
    } catch (error) {
      return [
        `the signature could not be checked against ${named} (${error instanceof Error ? error.message : String(error)})`,
      ];
    }
    return valid ? [] : [`the ${alg} signature does not verify against ${named}`];
  };
}

/**
 * The key a token names: by `kid` (which must name a key of the set), else the set's only key.
 * A string says why there is none.
 */
function chooseKey(
  keys: readonly Jwk[],
  kid: unknown,
  alg: string,
): { jwk: Jwk; at: number } | string {
  if (keys.length === 0)
    return `alg is ${alg}, verified with a public key: pass --jwks-url (--jwt-secret verifies HS256, HS384 and HS512 only)`;
  const kids = keys.map((key) => key.kid).filter((id): id is string => typeof id === "string");
  const list = kids.length ? `; its kids: ${kids.map((id) => `"${id}"`).join(", ")}` : "";
  if (kid !== undefined) {
    const at = keys.findIndex((key) => key.kid === kid);
    if (at === -1) return `kid ${JSON.stringify(kid)} names no key of the key set${list}`;
    return { jwk: keys[at] as Jwk, at };
  }
  if (keys.length > 1)
    return `the token has no kid, and the key set has ${keys.length} keys: a verifier cannot tell which signed it${list}`;
  return { jwk: keys[0] as Jwk, at: 0 };
}

/** Why a key cannot verify `alg` (another type, curve, algorithm or use), or undefined. */
function keyMisfit(
  jwk: Jwk,
  alg: string,
  algorithm: (typeof ALGORITHMS)[string],
): string | undefined {
  if (typeof jwk.alg === "string" && jwk.alg !== alg) return `is for ${jwk.alg}`;
  if (jwk.kty !== algorithm.kty) return `is a key of type ${String(jwk.kty)}, not ${algorithm.kty}`;
  if (algorithm.crv !== undefined && jwk.crv !== algorithm.crv)
    return `is on curve ${String(jwk.crv)}, not ${algorithm.crv}`;
  if (jwk.use !== undefined && jwk.use !== "sig")
    return `is for use ${JSON.stringify(jwk.use)}, not "sig"`;
  return undefined;
}

/** The members WebCrypto reads a public key from; the rest of a JWK is metadata. */
function publicMembers(jwk: Jwk): JsonWebKey {
  const members: Record<string, unknown> = {};
  for (const name of ["kty", "n", "e", "crv", "x", "y"])
    if (typeof jwk[name] === "string") members[name] = jwk[name];
  return members as JsonWebKey;
}
