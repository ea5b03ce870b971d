/**
 * What every signer puts in a login-mock token, in the one byte order they must share: header
 * `{"alg":"HS256","typ":"JWT"}`, payload `{"sub", …the spec's claims, "iat","exp"}`. Each signer only
 * base64url-encodes these and signs them its own way (jwt.ts, native-signer.ts).
 */
import type { TokenClaims } from "./jwt.ts";

export const HEADER_JSON = JSON.stringify({ alg: "HS256", typ: "JWT" });

/** The payload's JSON for `claims` issued at `nowMs`, and its `exp` in whole seconds. */
export function payloadJson(
  claims: TokenClaims,
  nowMs: number,
  lifetimeSeconds: number,
): { json: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + lifetimeSeconds;
  return { json: JSON.stringify({ ...claims, iat, exp }), exp };
}
