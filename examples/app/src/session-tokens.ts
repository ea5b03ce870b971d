/**
 * Keeping a login alive and ending it, as a real frontend does: TalkStack's short-lived JWT is
 * renewed with its refresh token (`POST /auth/refresh`, which hands back a new pair: the old
 * refresh token is spent), and a logout asks each API to end the login (`POST /auth/logout`):
 * TalkStack with the bearer token and the refresh token, Seamless with its httpOnly cookie,
 * which only the server can clear. No mock knowledge here either.
 */
import type { Variant } from "./login.ts";

/** What a TalkStack login or refresh hands the app. */
export interface TalkStackTokens {
  readonly token: string;
  readonly refreshToken: string;
  /** When the token expires, by the server's clock (ISO 8601). */
  readonly expirationTime?: string;
}

export interface Call {
  readonly baseUrl: string;
  /** Extra request headers (the dev-only X-Mock-Session). */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
}

export type RefreshResult =
  | { readonly ok: true; readonly tokens: TalkStackTokens }
  | { readonly ok: false; readonly status: number | null; readonly message: string };

/** The tokens of a TalkStack login or refresh body, when it has both. */
export function talkstackTokens(body: unknown): TalkStackTokens | undefined {
  const data = body as Partial<Record<keyof TalkStackTokens, unknown>> | null;
  if (typeof data?.token !== "string" || typeof data.refreshToken !== "string") return undefined;
  return {
    token: data.token,
    refreshToken: data.refreshToken,
    ...(typeof data.expirationTime === "string" ? { expirationTime: data.expirationTime } : {}),
  };
}

/** Exchanges a TalkStack refresh token for a new token pair. */
export async function refreshTalkStack(call: Call, refreshToken: string): Promise<RefreshResult> {
  try {
    const response = await fetch(`${call.baseUrl}/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json", ...call.headers },
      body: JSON.stringify({ refreshToken }),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    const tokens = response.ok ? talkstackTokens(body) : undefined;
    if (tokens) return { ok: true, tokens };
    const message = typeof body?.message === "string" ? body.message : "";
    return { ok: false, status: response.status, message };
  } catch (error) {
    return { ok: false, status: null, message: String(error) };
  }
}

/**
 * Ends a login at one API: TalkStack's with its bearer token and refresh token, Seamless' with
 * the cookie the browser sends (`credentials: "include"`); the answer clears it. Returns a line
 * for the user.
 */
export async function logOut(
  variant: Variant,
  call: Call,
  tokens: TalkStackTokens | undefined,
): Promise<string> {
  const name = variant === "talkstack" ? "TalkStack" : "Seamless";
  try {
    const response = await fetch(`${call.baseUrl}/auth/logout`, {
      method: "POST",
      credentials: "include",
      headers: {
        ...call.headers,
        ...(tokens
          ? { authorization: `Bearer ${tokens.token}`, "content-type": "application/json" }
          : {}),
      },
      ...(tokens ? { body: JSON.stringify({ refreshToken: tokens.refreshToken }) } : {}),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    return response.ok ? `${name}: logged out` : `${name}: the logout answered ${response.status}`;
  } catch (error) {
    return `${name}: could not reach the server (${String(error)})`;
  }
}
