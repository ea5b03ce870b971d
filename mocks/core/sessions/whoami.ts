/**
 * "Who am I?": what the credential a client sent says, judged as the mock would judge it: the
 * token cookie of every API whose spec puts its token in a cookie, and an
 * `Authorization: Bearer` token, each valid, expired or
 * not yet valid (on the session's clock, by the rule `verifyToken` applies), revoked (a logout
 * or a reused refresh token ended its login, in this session) or not issued by this mock. It reports claims and times, never the
 * token or any part of it, so it is safe to show on a page or in a test log.
 */

import type { Variant } from "../../../openapi/documents.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
import type { UserStore } from "../../store/user-store.ts";
import { type TokenPayload, tokenTimeState, verifySignature } from "../tokens/jwt.ts";
import type { VerificationKeys } from "../tokens/key-set.ts";
import { LATEST_RFC3339_MS } from "./session-clock.ts";
import { readCookie } from "./session-id.ts";

export type CredentialState =
  | "valid"
  | "expired"
  | "not-yet-valid"
  | "revoked"
  | "not-issued-by-this-mock";

export interface CredentialReport {
  /** Whose account the token names, found in the session's store; null when unknown. */
  readonly variant: Variant | null;
  readonly source: "cookie" | "bearer";
  readonly state: CredentialState;
  readonly subject?: string;
  /** The token's other claims, as the spec's `token.claims` set them (an email, a name). */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly issuedAt?: string;
  readonly expiresAt?: string;
  /** Seconds from the session's now to `exp`: zero or less once expired. */
  readonly expiresInSeconds?: number;
}

export interface WhoAmI {
  readonly session: string;
  /** The session's now, ISO 8601: the instant the credentials were judged at. */
  readonly now: string;
  readonly credentials: readonly CredentialReport[];
  /** What to send, when nothing was. */
  readonly hint?: string;
}

export interface SentCredentials {
  /** The request's `Cookie` header. */
  readonly cookie: string | null;
  /** The request's `Authorization` header. */
  readonly authorization: string | null;
}

export interface Judge {
  readonly session: string;
  readonly nowMs: number;
  readonly secret: string;
  /** The key set RS256/ES256 tokens are judged by, instead of `secret`. */
  readonly keys?: VerificationKeys;
  readonly store: UserStore;
  readonly apis: readonly LoginApi[];
  /** Whether a logout (or a reused refresh token) revoked the login a token's `sid` names. */
  readonly revoked?: (sid: unknown) => boolean;
}

/** The names of the cookies the APIs' specs put tokens in. */
function tokenCookies(apis: readonly LoginApi[]): string[] {
  const names = new Set<string>();
  for (const api of apis) {
    const placement = api.token.placement;
    if (placement.in === "cookie") names.add(placement.cookie.name);
  }
  return [...names];
}

function whoamiHint(cookies: readonly string[]): string {
  const cookie =
    cookies.length === 0
      ? ""
      : `send the token cookie (${cookies.join(", ")}) with fetch(url, { credentials: "include" }) from the page that logged in (the browser adds an httpOnly cookie itself), or `;
  return `Nothing to read: ${cookie}send a token as Authorization: Bearer <token>.`;
}

export async function describeCredentials(sent: SentCredentials, judge: Judge): Promise<WhoAmI> {
  const found: { source: "cookie" | "bearer"; token: string }[] = [];
  const cookies = tokenCookies(judge.apis);
  for (const name of cookies) {
    const cookie = sent.cookie === null ? undefined : readCookie(sent.cookie, name);
    if (cookie) found.push({ source: "cookie", token: cookie });
  }
  const bearer = /^Bearer +(\S+)\s*$/i.exec(sent.authorization ?? "")?.[1];
  if (bearer) found.push({ source: "bearer", token: bearer });

  const credentials = await Promise.all(
    found.map(({ source, token }) => describeToken(source, token, judge)),
  );
  return {
    session: judge.session,
    now: new Date(judge.nowMs).toISOString(),
    credentials,
    ...(credentials.length === 0 ? { hint: whoamiHint(cookies) } : {}),
  };
}

async function describeToken(
  source: "cookie" | "bearer",
  token: string,
  judge: Judge,
): Promise<CredentialReport> {
  let payload: TokenPayload;
  try {
    ({ payload } = await verifySignature(token, judge.keys ?? judge.secret));
  } catch {
    return { variant: null, source, state: "not-issued-by-this-mock" };
  }
  const now = Math.floor(judge.nowMs / 1000);
  const { sub, iat, exp, ...rest } = payload;
  const claims = Object.fromEntries(
    Object.entries(rest).filter(([name]) => !RESERVED_CLAIMS.has(name)),
  );
  const issuedAt = typeof iat === "number" ? isoSeconds(iat) : undefined;
  const expiresAt = typeof exp === "number" ? isoSeconds(exp) : undefined;
  return {
    variant: issuingApi(judge, sub),
    source,
    // A revoked login's token is revoked whatever its times say: logout ended it.
    state: judge.revoked?.(payload.sid) ? "revoked" : tokenTimeState(payload, judge.nowMs),
    ...(typeof sub === "string" ? { subject: sub } : {}),
    ...(Object.keys(claims).length > 0 ? { claims } : {}),
    ...(issuedAt === undefined ? {} : { issuedAt }),
    ...(expiresAt === undefined || typeof exp !== "number"
      ? {}
      : { expiresAt, expiresInSeconds: exp - now }),
  };
}

/** Registered claims whoami reports in fields of their own, or not at all. */
const RESERVED_CLAIMS = new Set(["nbf", "jti", "iss", "aud", "sid"]);

/** The API whose account has this id: the mock's tokens name one of them. */
function issuingApi(judge: Judge, sub: unknown): Variant | null {
  if (typeof sub !== "string") return null;
  const api = judge.apis.find((candidate) => judge.store.findBySubject(candidate, sub));
  return api?.id ?? null;
}

/**
 * An RFC 3339 date-time for a token's `iat`/`exp`, or undefined when it has none: a forged
 * token may carry any number, and whoami promises a four-digit-year date-time or nothing.
 */
function isoSeconds(seconds: number): string | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || ms < 0 || ms > LATEST_RFC3339_MS) return undefined;
  return new Date(ms).toISOString();
}
