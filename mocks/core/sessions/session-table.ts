/**
 * The sessions a mock keeps besides the default one, bounded in number and in idle time so no
 * client can make the mock hold unbounded state: at most `limit` at once, and a session nobody
 * has named for `idleMs` is dropped (lazily, when the table is next used; no timer to clear).
 *
 * Two kinds share the `limit` places. A session only logins (or control reads) have named is
 * anonymous: any client that can log in can make one, so a full table drops the least recently
 * used anonymous session to make room for a new one. A session the control API changed or code
 * named (`mock.session(id)`) is kept: only idling out or a reset drops it. The 503 comes only
 * when every place holds a kept session.
 */

import { type MockReply, withHeaders } from "../pipeline/mock-reply.ts";
import { problemReply } from "../pipeline/problem.ts";
import type { Clock } from "./clock.ts";
import type { LiveSession } from "./session.ts";
import { DEFAULT_SESSION } from "./session-id.ts";

/** Sessions besides the default one. */
export const MAX_SESSIONS = 64;
/** A session unused this long is dropped with everything it held. */
export const SESSION_IDLE_MS = 30 * 60_000;

export interface SessionLimits {
  /** At most this many sessions besides the default one (default 64). */
  readonly limit?: number;
  /** Idle time after which a session is dropped, in ms (default 30 minutes). */
  readonly idleMs?: number;
}

export type SessionLookup<S = LiveSession> =
  | { readonly ok: true; readonly session: S }
  | { readonly ok: false; readonly reply: MockReply };

export interface SessionTable {
  readonly limit: number;
  readonly idleMs: number;
  /**
   * The session `id` names, created if new (or idle too long), made kept with `keep`. When the
   * table is full, the least recently used anonymous session makes room; a 503 problem when
   * every session is kept.
   */
  open(id: string, keep?: boolean): SessionLookup;
  /** The default session first, then the live ones in the order they were created. */
  list(): LiveSession[];
  /** Live sessions besides the default one. */
  count(): number;
  /** Drops every session but the default one. */
  clear(): void;
}

export function createSessionTable(
  defaultSession: LiveSession,
  createSession: (id: string, nowMs: number) => LiveSession,
  clock: Clock,
  limits: SessionLimits = {},
): SessionTable {
  const limit = limits.limit ?? MAX_SESSIONS;
  const idleMs = limits.idleMs ?? SESSION_IDLE_MS;
  const sessions = new Map<string, LiveSession>();
  const isIdle = (session: LiveSession, nowMs: number) => nowMs - session.lastSeenMs >= idleMs;

  function sweep(nowMs: number): void {
    for (const [id, session] of sessions) if (isIdle(session, nowMs)) sessions.delete(id);
  }

  return {
    limit,
    idleMs,
    open(id, keep = false) {
      const nowMs = clock.now();
      if (id === DEFAULT_SESSION) {
        defaultSession.lastSeenMs = nowMs;
        return { ok: true, session: defaultSession };
      }
      let session = sessions.get(id);
      if (session && isIdle(session, nowMs)) {
        sessions.delete(id);
        session = undefined;
      }
      if (!session) {
        if (sessions.size >= limit) sweep(nowMs);
        if (sessions.size >= limit && !dropLeastRecentAnonymous()) {
          return { ok: false, reply: tableFull(nowMs) };
        }
        session = createSession(id, nowMs);
        session.anonymous = true;
        sessions.set(id, session);
      }
      if (keep) session.anonymous = false;
      session.lastSeenMs = nowMs;
      return { ok: true, session };
    },
    list() {
      sweep(clock.now());
      return [defaultSession, ...sessions.values()];
    },
    count() {
      sweep(clock.now());
      return sessions.size;
    },
    clear() {
      sessions.clear();
    },
  };

  /** Drops the anonymous session named longest ago; false when every session is kept. */
  function dropLeastRecentAnonymous(): boolean {
    let victim: LiveSession | undefined;
    for (const session of sessions.values()) {
      if (session.anonymous && (!victim || session.lastSeenMs < victim.lastSeenMs))
        victim = session;
    }
    if (victim) sessions.delete(victim.id);
    return victim !== undefined;
  }

  function tableFull(nowMs: number): MockReply {
    let oldest = nowMs;
    for (const session of sessions.values()) oldest = Math.min(oldest, session.lastSeenMs);
    const retryAfter = Math.max(1, Math.ceil((oldest + idleMs - nowMs) / 1000));
    const idleMinutes = idleMs / 60_000;
    const reply = problemReply(
      503,
      "too-many-sessions",
      "Too many mock sessions",
      `[login-mock] This mock already keeps ${limit} sessions besides the default one, the most it holds at once, and every one was set up through the control API or in code (a login's own sessions make room; these do not). Free them with POST /__mock/reset {"allSessions":true} (in code: mock.reset()), or wait: a session unused for ${idleMinutes} minutes is dropped, the next one in ${retryAfter} s. Send no X-Mock-Session to use the default session meanwhile.`,
      { limit, idleMinutes },
    );
    return withHeaders(reply, [["retry-after", String(retryAfter)]]);
  }
}
