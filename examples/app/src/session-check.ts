/**
 * "Am I still signed in?" A real app asks its own backend; against login-mock, the mock's
 * `GET /__mock/whoami` plays that part. It reads the httpOnly Seamless cookie the browser sends
 * (hence `credentials: "include"`) and a TalkStack token sent as a bearer token, and judges
 * them by the session's clock, so a test that moves the clock sees the token expire.
 */
import type { Variant } from "./login.ts";

export interface SessionView {
  readonly state: "valid" | "expired" | "invalid" | "ended" | "signed-out" | "error";
  readonly headline: string;
  readonly details: readonly string[];
  /** What the server said of the bearer token sent, if one was: the app refreshes an expired one. */
  readonly bearer?: Credential["state"];
}

interface Credential {
  /** null when the token names no account of this mock. */
  readonly variant: Variant | null;
  readonly source: "cookie" | "bearer";
  /** `revoked`: a logout (or a reused refresh token) ended the login the token belongs to. */
  readonly state: "valid" | "expired" | "not-yet-valid" | "revoked" | "not-issued-by-this-mock";
  readonly subject?: string;
  readonly claims?: { readonly email?: unknown };
  readonly expiresInSeconds?: number;
}

export interface SessionCheck {
  /** The server whose host holds the Seamless cookie. */
  readonly baseUrl: string;
  /** The TalkStack token from the last login or refresh, if any: sent as `Authorization: Bearer`. */
  readonly bearer: string | undefined;
  /** Extra request headers (the dev-only X-Mock-Session). */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
}

const NAMES: Record<Variant, string> = { talkstack: "TalkStack", seamless: "Seamless" };

export async function checkSession(check: SessionCheck): Promise<SessionView> {
  let credentials: readonly Credential[];
  try {
    const response = await fetch(`${check.baseUrl}/__mock/whoami`, {
      credentials: "include",
      headers: {
        ...check.headers,
        ...(check.bearer ? { authorization: `Bearer ${check.bearer}` } : {}),
      },
      signal: AbortSignal.timeout(check.timeoutMs),
    });
    if (!response.ok) throw new Error(`whoami answered ${response.status}`);
    ({ credentials } = (await response.json()) as { credentials: readonly Credential[] });
  } catch (error) {
    return { state: "error", headline: "Could not check your session", details: [String(error)] };
  }
  const details = credentials.map(describe);
  const bearerState = credentials.find((c) => c.source === "bearer")?.state;
  const bearer = bearerState === undefined ? {} : { bearer: bearerState };
  // The worst credential decides what the user is told: one expired token means signing in again.
  if (credentials.some((c) => c.state === "revoked"))
    return { state: "ended", headline: "Your session ended — sign in again", details, ...bearer };
  if (credentials.some((c) => c.state === "expired"))
    return {
      state: "expired",
      headline: "Your session expired — sign in again",
      details,
      ...bearer,
    };
  if (credentials.some((c) => c.state === "not-issued-by-this-mock" || c.state === "not-yet-valid"))
    return {
      state: "invalid",
      headline: "Your session is not valid — sign in again",
      details,
      ...bearer,
    };
  const valid = credentials[0];
  if (!valid) return { state: "signed-out", headline: "You are not signed in", details };
  const who = typeof valid.claims?.email === "string" ? valid.claims.email : valid.subject;
  return { state: "valid", headline: `Signed in as ${who ?? "?"}`, details, ...bearer };
}

function describe(credential: Credential): string {
  const whose = credential.variant ? NAMES[credential.variant] : "Unknown";
  const how = credential.source === "cookie" ? "cookie" : "token";
  const left = credential.expiresInSeconds;
  if (credential.state === "expired" && left !== undefined)
    return `${whose} ${how}: expired ${duration(-left)} ago`;
  if (credential.state === "valid" && left !== undefined)
    return `${whose} ${how}: valid for ${duration(left)}`;
  return `${whose} ${how}: ${credential.state.replaceAll("-", " ")}`;
}

/** "23 h 59 min", "45 min", "0 min". */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
