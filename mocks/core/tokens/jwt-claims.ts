/**
 * What every signer puts in a login-mock token, in the one byte order they must share: header
 * `{"alg":"HS256","typ":"JWT"}` (RS256/ES256 ones add their key's `kid`, key-set.ts), payload `{"sub", …the spec's claims, "iat","exp"}`. Each signer only
 * base64url-encodes these and signs them its own way (jwt.ts, native-signer.ts).
 */
import type { TokenClaims } from "./jwt.ts";

export const HEADER_JSON = JSON.stringify({ alg: "HS256", typ: "JWT" });

/** The header of a token signed with `alg`, naming its key by `kid` when the key set has ids. */
export function headerJson(alg: string, kid?: string): string {
  return JSON.stringify(kid === undefined ? { alg, typ: "JWT" } : { alg, typ: "JWT", kid });
}

/** The payload's JSON for `claims` issued at `nowMs`, and its `exp` in whole seconds. */
export function payloadJson(
  claims: TokenClaims,
  nowMs: number,
  lifetimeSeconds: number,
): { json: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + lifetimeSeconds;
  // The claims' own JSON with the times appended: no copy of the claims object per token.
  // `claims` always has `sub`, so its JSON ends in "}" after at least one member.
  const own = JSON.stringify(claims);
  return { json: `${own.slice(0, -1)},"iat":${iat},"exp":${exp}}`, exp };
}
