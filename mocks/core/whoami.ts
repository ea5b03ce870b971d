/**
 * "Who am I?": what the credential a client sent says, judged as the mock would judge it: the
 * Seamless `token` cookie and a TalkStack `Authorization: Bearer` token, each valid, expired or
 * not yet valid (on the session's clock, by the rule `verifyToken` applies) or not issued by
 * this mock. It reports claims and times, never the
 * token or any part of it, so it is safe to show on a page or in a test log.
 */

import type { Variant } from "../../openapi/documents.ts";
import type { UserStore } from "../store/user-store.ts";
import { type TokenPayload, tokenTimeState, verifySignature } from "./jwt.ts";
import { LATEST_RFC3339_MS } from "./session-clock.ts";
import { readCookie } from "./session-id.ts";
import { seamlessCookieContract } from "./spec-values.ts";

export type CredentialState = "valid" | "expired" | "not-yet-valid" | "not-issued-by-this-mock";

export interface CredentialReport {
  /** Whose account the token names, found in the session's store; null when unknown. */
  readonly variant: Variant | null;
  readonly source: "cookie" | "bearer";
  readonly state: CredentialState;
  readonly subject?: string;
  readonly email?: string;
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

const TOKEN_COOKIE = seamlessCookieContract().name;

const WHOAMI_HINT = `Nothing to read: send the Seamless cookie with fetch(url, { credentials: "include" }) from the page that logged in (the browser adds the httpOnly ${TOKEN_COOKIE} cookie itself), or a TalkStack token as Authorization: Bearer <token>.`;

export async function describeCredentials(
  sent: SentCredentials,
  judge: { readonly session: string; readonly nowMs: number; secret: string; store: UserStore },
): Promise<WhoAmI> {
  const found: { source: "cookie" | "bearer"; token: string }[] = [];
  const cookie = sent.cookie === null ? undefined : readCookie(sent.cookie, TOKEN_COOKIE);
  if (cookie) found.push({ source: "cookie", token: cookie });
  const bearer = /^Bearer +(\S+)\s*$/i.exec(sent.authorization ?? "")?.[1];
  if (bearer) found.push({ source: "bearer", token: bearer });

  const credentials = await Promise.all(
    found.map(({ source, token }) => describeToken(source, token, judge)),
  );
  return {
    session: judge.session,
    now: new Date(judge.nowMs).toISOString(),
    credentials,
    ...(credentials.length === 0 ? { hint: WHOAMI_HINT } : {}),
  };
}

async function describeToken(
  source: "cookie" | "bearer",
  token: string,
  judge: { readonly nowMs: number; secret: string; store: UserStore },
): Promise<CredentialReport> {
  let payload: TokenPayload;
  try {
    ({ payload } = await verifySignature(token, judge.secret));
  } catch {
    return { variant: null, source, state: "not-issued-by-this-mock" };
  }
  const now = Math.floor(judge.nowMs / 1000);
  const { sub, email, iat, exp } = payload;
  const issuedAt = typeof iat === "number" ? isoSeconds(iat) : undefined;
  const expiresAt = typeof exp === "number" ? isoSeconds(exp) : undefined;
  return {
    variant: accountVariant(judge.store, sub, email),
    source,
    state: tokenTimeState(payload, judge.nowMs),
    ...(typeof sub === "string" ? { subject: sub } : {}),
    ...(typeof email === "string" ? { email } : {}),
    ...(issuedAt === undefined ? {} : { issuedAt }),
    ...(expiresAt === undefined || typeof exp !== "number"
      ? {}
      : { expiresAt, expiresInSeconds: exp - now }),
  };
}

/** The variant whose account has this id and email: the mock's tokens name one of them. */
function accountVariant(store: UserStore, sub: unknown, email: unknown): Variant | null {
  if (typeof sub !== "string" || typeof email !== "string") return null;
  if (store.findTalkStackAccount(email)?.id === sub) return "talkstack";
  if (store.findSeamlessAccount(email)?.config._id === sub) return "seamless";
  return null;
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
