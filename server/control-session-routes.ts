/**
 * The control routes about sessions and what happened in them: reset (one session or all),
 * the session's mock clock, its request journal, the list of sessions, and whoami.
 */
import {
  AccountOutcomeError,
  jsonReply,
  type LoginMock,
  MAX_CLOCK_STEP_SECONDS,
  MAX_EXTRA_ACCOUNTS,
  type MockReply,
  type MockSession,
  readInstant,
} from "../mocks/core/index.ts";
import {
  badControlRequest,
  CONTROL_PREFIX,
  type ControlRequest,
  readJsonObject,
  sessionFor,
  variantFor,
} from "./control-request.ts";

/** `{}` or no body: the request's session. `{"allSessions": true}`: every session. */
export function resetRoute(mock: LoginMock, request: ControlRequest): MockReply {
  const body = readJsonObject(request.bodyText);
  const allSessions = body?.allSessions ?? false;
  if (body === undefined || typeof allSessions !== "boolean") {
    return badControlRequest(
      `POST ${CONTROL_PREFIX}/reset takes no body or {} (resets this request's session: its store changes, scenarios, clock and journal), or {"allSessions": true} (resets the default session and drops every other one).`,
    );
  }
  if (allSessions) {
    mock.reset();
    return jsonReply(200, { reset: "all" });
  }
  return withSession(mock, request, (session) => {
    session.reset();
    return jsonReply(200, { reset: "session", session: session.id });
  });
}

export function clockRoute(mock: LoginMock, request: ControlRequest): MockReply {
  return withSession(mock, request, (session) => {
    const { clock } = session;
    const answer = () => jsonReply(200, { session: session.id, ...clock.state() });
    if (request.method === "GET") return answer();
    if (request.method === "DELETE") {
      clock.toReal();
      return answer();
    }
    const body = readJsonObject(request.bodyText) ?? {};
    const earliest = new Date(clock.range.earliestMs).toISOString();
    const latest = new Date(clock.range.latestMs).toISOString();
    const usage = `PUT ${CONTROL_PREFIX}/clock takes {"advanceSeconds": N} (moves this session's clock N seconds, negative goes back, |N| <= ${MAX_CLOCK_STEP_SECONDS}) or {"now": "2030-01-01T09:00:00Z"} (sets it to an RFC 3339 date-time between ${earliest} and ${latest}; time runs on from there). DELETE ${CONTROL_PREFIX}/clock returns to real time.`;
    const { advanceSeconds, now } = body;
    const refuse = (detail: string) => badControlRequest(detail, { earliest, latest });
    if ((advanceSeconds === undefined) === (now === undefined)) return refuse(usage);
    try {
      if (advanceSeconds !== undefined) {
        if (typeof advanceSeconds !== "number") return refuse(usage);
        clock.advance(advanceSeconds);
      } else {
        if (typeof now !== "string") return refuse(usage);
        const reading = readInstant(now);
        if ("reason" in reading) return refuse(`${reading.reason}. ${usage}`);
        clock.set(reading.ms);
      }
    } catch (error) {
      // The step's bound, or the clock's range (ClockRangeError): usage errors either way.
      if (!(error instanceof RangeError)) throw error;
      return refuse(error.message.replace(/^\[login-mock\] /, ""));
    }
    return answer();
  });
}

export function requestsRoute(mock: LoginMock, request: ControlRequest): MockReply {
  return withSession(mock, request, (session) => {
    const { journal } = session;
    const limitText = new URLSearchParams(request.query ?? "").get("limit");
    const limit = limitText === null ? journal.capacity : Number(limitText);
    if (!/^\d+$/.test(limitText ?? "0") || limit < 1 || limit > journal.capacity) {
      return badControlRequest(
        `?limit= takes a whole number from 1 to ${journal.capacity} (this session's journal keeps the newest ${journal.capacity} logins), not ${JSON.stringify(limitText)}.`,
      );
    }
    if (request.method === "DELETE") journal.clear();
    return jsonReply(200, {
      session: session.id,
      capacity: journal.capacity,
      entries: journal.entries(limit),
    });
  });
}

/**
 * GET: the session's extra accounts (the mock's `--accounts` and those the session added),
 * never a secret. POST `{"accounts": [...]}` or one account: adds them to this session only;
 * an account without `api` is the port's own API's (or `?variant=`'s). Answers what it added.
 */
export function accountsRoute(own: string, mock: LoginMock, request: ControlRequest): MockReply {
  const asked = variantFor(request, mock, own);
  if ("reply" in asked) return asked.reply;
  return withSession(mock, request, (session) => {
    const listed = () => ({
      session: session.id,
      limit: MAX_EXTRA_ACCOUNTS,
      accounts: session.accounts(),
    });
    if (request.method === "GET") return jsonReply(200, listed());
    const usage = `POST ${CONTROL_PREFIX}/accounts takes {"accounts": [{"identity": "unverified@example.com", "secret": "pw-123", "answer": "<an example of the API>", "delayMs": 3000}]} or one such account: "secret" is required for a new identity, "api" defaults to this port's API (${asked.variant}); at most ${MAX_EXTRA_ACCOUNTS} per session.`;
    const body = readJsonObject(request.bodyText);
    if (body === undefined) return badControlRequest(usage);
    const given = "identity" in body ? [body] : body.accounts;
    if (!Array.isArray(given)) return badControlRequest(usage);
    const accounts = given.map((account: unknown) =>
      account !== null &&
      typeof account === "object" &&
      !Array.isArray(account) &&
      !("api" in account)
        ? { ...account, api: asked.variant }
        : account,
    );
    try {
      const added = session.addAccounts(accounts);
      return jsonReply(200, {
        session: session.id,
        limit: MAX_EXTRA_ACCOUNTS,
        count: session.accounts().length,
        added,
      });
    } catch (error) {
      if (!(error instanceof AccountOutcomeError)) throw error;
      return badControlRequest(`${error.message.replace(/^\[login-mock\] /, "")} ${usage}`, {
        maximum: MAX_EXTRA_ACCOUNTS,
      });
    }
  });
}

export function sessionsRoute(mock: LoginMock): MockReply {
  return jsonReply(200, {
    limit: mock.sessionLimits.limit,
    idleMinutes: mock.sessionLimits.idleMs / 60_000,
    sessions: mock.sessions().map((session) => ({
      id: session.id,
      lastSeen: new Date(session.lastSeenMs).toISOString(),
      requests: session.requests,
      // Anonymous: only logins and reads named it, so a full table may drop it for a new one.
      anonymous: session.anonymous,
    })),
  });
}

export async function whoamiRoute(mock: LoginMock, request: ControlRequest): Promise<MockReply> {
  const found = sessionFor(mock, request);
  if ("reply" in found) return found.reply;
  const described = await mock.whoami(found.session, {
    cookie: request.cookie ?? null,
    authorization: request.authorization ?? null,
  });
  return jsonReply(200, described);
}

function withSession(
  mock: LoginMock,
  request: ControlRequest,
  act: (session: MockSession) => MockReply,
): MockReply {
  const found = sessionFor(mock, request);
  return "reply" in found ? found.reply : act(found.session);
}
