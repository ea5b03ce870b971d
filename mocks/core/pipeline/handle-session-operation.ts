/**
 * The request path of a refresh or a logout, the operations a spec's login block names beside
 * the login: pick the session → `Prefer` (one of the operation's own examples) or the request's
 * data → answer → record in the journal → delay. Forced and counted scenarios are the login's:
 * they do not touch these operations.
 */

import type { SpecValidationError } from "../../../openapi/generated/validators.js";
import { tokensOf, writeTokens } from "../../../openapi/json-pointer.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
import type {
  LogoutOperation,
  RefreshOperation,
  SessionOperation,
} from "../../../openapi/session-operations.ts";
import { journalFaults } from "../sessions/request-journal.ts";
import type { LiveSession } from "../sessions/session.ts";
import { readCookie } from "../sessions/session-id.ts";
import type { TokenFamily } from "../sessions/token-families.ts";
import type { TokenPayload } from "../tokens/jwt.ts";
import type { LoginPipeline } from "./handle-login.ts";
import { requestSession } from "./handle-login.ts";
import {
  expiryValue,
  operationExampleReply,
  pushTokenHeader,
  signAccessToken,
} from "./login-behaviour.ts";
import { JSON_CONTENT_TYPE, type MockReply, SCENARIO_HEADER, withDelay } from "./mock-reply.ts";
import { type Preference, parsePreferHeader } from "./prefer-header.ts";
import { problemReply } from "./problem.ts";
import { type LoginFields, type LoginInput, readLoginFields } from "./request-data.ts";

export type SessionOperationKind = "refresh" | "logout";

/** What the path needs beyond the login's: a judge of the access tokens a logout is sent. */
export interface SessionPipeline extends LoginPipeline {
  /** The token's claims when this mock signed it (any time state), else undefined. */
  readonly verify: (token: string) => Promise<TokenPayload | undefined>;
}

/** Answers one refresh or logout of `api`. */
export async function handleSessionOperation(
  pipeline: SessionPipeline,
  api: LoginApi,
  kind: SessionOperationKind,
  input: LoginInput,
): Promise<MockReply> {
  const operation = kind === "refresh" ? api.refresh : api.logout;
  if (!operation) {
    return problemReply(
      404,
      "no-such-operation",
      `No ${kind} operation`,
      `[login-mock] ${api.title}'s spec names no ${kind} operation. Add \`${kind}: { operation: "POST /auth/${kind}", … }\` to its x-login-mock block (docs/specs.md).`,
    );
  }
  const found = requestSession(pipeline, input);
  if (!found.ok) return found.reply;
  const session = found.session;
  const preference = parsePreferHeader(input.prefer);
  const fields = readLoginFields(input, operation.request.reads);
  // The token field (refresh's, or logout's optional one) must be a non-empty string.
  const faults = checkBody(operation, operation.field, fields);
  let answer: { reply: MockReply; served: string | null };
  const preferred = preferredExample(operation, preference);
  if (preferred)
    // A forced refresh success gives working tokens, as a forced login success does.
    answer =
      kind === "refresh" && preferred.served === (operation as RefreshOperation).outcomes.success
        ? await forcedRefresh(session, api, operation as RefreshOperation, preferred)
        : preferred;
  else if (kind === "refresh")
    answer = await refresh(session, api, operation as RefreshOperation, fields, faults);
  else
    answer = await logout(
      pipeline,
      session,
      api,
      operation as LogoutOperation,
      input,
      fields,
      faults,
    );
  const seenMs = pipeline.baseClock.now();
  session.lastSeenMs = seenMs;
  session.requests++;
  session.journal.record({
    timeMs: session.clock.at(seenMs),
    variant: api.id,
    operation: kind,
    method: operation.method,
    path: operation.path,
    fields: operation.request.fields,
    status: answer.reply.kind === "response" ? answer.reply.status : null,
    scenario: answer.served,
    faults: faults.length === 0 ? null : faults,
    optionalSent: operation.request.fields
      .filter((field) => !field.required && fields[field.name] !== undefined)
      .map((field) => field.name),
  });
  return withDelay(answer.reply, preference.delayMs ?? pipeline.delayMs);
}

/**
 * The body's faults: by its schema where one was compiled (a user's spec), else the fields the
 * schema requires, present, and the token field a non-empty string. Names and keywords only.
 */
function checkBody(
  operation: SessionOperation,
  tokenField: string | undefined,
  fields: LoginFields,
): readonly SpecValidationError[] {
  const validate = operation.request.validate;
  if (validate && operation.request.fields.length > 0) {
    if (validate(fields)) return [];
    // What the journal keeps of them: the faults a field report reads (request-journal.ts).
    return journalFaults(operation.request.fields, validate.errors ?? []);
  }
  const faults: SpecValidationError[] = [];
  for (const { name, required } of operation.request.fields) {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (required && value === undefined)
      faults.push({
        keyword: "required",
        instancePath: "",
        schemaPath: "#/required",
        params: { missingProperty: name },
      });
    else if (
      name === tokenField &&
      value !== undefined &&
      (typeof value !== "string" || value === "")
    )
      faults.push({
        keyword: "type",
        instancePath: `/${name}`,
        schemaPath: `#/properties/${name}/type`,
        params: {},
      });
  }
  return faults;
}

/** `Prefer: code=/example=` naming one of the operation's own examples, served verbatim. */
function preferredExample(
  operation: SessionOperation,
  preference: Preference,
): { reply: MockReply; served: string | null } | undefined {
  if (preference.code === undefined && preference.example === undefined) return undefined;
  const example = operation.examples.find(
    (candidate) =>
      (preference.example === undefined || candidate.name === preference.example) &&
      (preference.code === undefined || candidate.status === preference.code),
  );
  if (!example) {
    const known = operation.examples.map((candidate) => `${candidate.status} ${candidate.name}`);
    return {
      served: null,
      reply: problemReply(
        400,
        "no-such-response",
        "No such documented response",
        `[login-mock] ${operation.method} ${operation.path} documents no response for that Prefer header. It documents: ${known.join(", ")}.`,
        { knownScenarios: known },
      ),
    };
  }
  return {
    served: example.name,
    reply: operationExampleReply(operation, operation.examples, example.name),
  };
}

function example(operation: SessionOperation, name: string) {
  return { served: name, reply: operationExampleReply(operation, operation.examples, name) };
}

/**
 * A refresh token for a new access token: unknown (never given out, forgotten, or its family
 * revoked), expired on the session's clock, or already used (rotation: then its whole family is
 * revoked) get the spec's examples for each; else a fresh token in the success example.
 */
async function refresh(
  session: LiveSession,
  api: LoginApi,
  operation: RefreshOperation,
  fields: LoginFields,
  faults: readonly SpecValidationError[],
): Promise<{ reply: MockReply; served: string | null }> {
  const { outcomes } = operation;
  if (faults.length > 0) return example(operation, outcomes.invalidRequest);
  const context = session.context;
  const sent = fields[operation.field];
  const record = typeof sent === "string" ? context.families.find(sent, api.id) : undefined;
  if (!record || record.family.revoked) return example(operation, outcomes.unknownToken);
  const nowMs = context.clock.now();
  if (nowMs >= record.expiresMs) return example(operation, outcomes.expiredToken);
  if (record.used) {
    context.families.revoke(record.family);
    return example(operation, outcomes.reusedToken);
  }
  const account = context.store.find(api, record.family.identity);
  if (!account) return example(operation, outcomes.unknownToken);
  // Marked before the await: of two concurrent refreshes with one token, the second is reuse.
  if (operation.rotate) record.used = true;
  const lifetimeSeconds = context.tokenTtlSeconds ?? api.token.lifetimeSeconds;
  const signed = await signAccessToken(api, account, context, {
    nowMs,
    lifetimeSeconds,
    family: record.family,
  });
  return {
    served: outcomes.success,
    reply: refreshedReply(api, operation, record.family, session, {
      token: signed.token,
      exp: signed.exp,
      lifetimeSeconds,
      nowMs,
    }),
  };
}

/**
 * The refresh success `Prefer` forces: a new login of the first declared account (the account a
 * forced login success logs in), its fresh token and, with rotation, a refresh token that works.
 */
async function forcedRefresh(
  session: LiveSession,
  api: LoginApi,
  operation: RefreshOperation,
  verbatim: { reply: MockReply; served: string | null },
): Promise<{ reply: MockReply; served: string | null }> {
  const context = session.context;
  const account = context.store.find(api, api.accounts[0]?.identity ?? "");
  if (!account) return verbatim;
  const nowMs = context.clock.now();
  const family = context.families.start(api.id, account.identity);
  const lifetimeSeconds = context.tokenTtlSeconds ?? api.token.lifetimeSeconds;
  const signed = await signAccessToken(api, account, context, { nowMs, lifetimeSeconds, family });
  return {
    served: operation.outcomes.success,
    reply: refreshedReply(api, operation, family, session, {
      token: signed.token,
      exp: signed.exp,
      lifetimeSeconds,
      nowMs,
    }),
  };
}

function refreshedReply(
  api: LoginApi,
  operation: RefreshOperation,
  family: TokenFamily,
  session: LiveSession,
  issued: { token: string; exp: number; lifetimeSeconds: number; nowMs: number },
): MockReply {
  const { token } = operation;
  const writes: (readonly [readonly string[], unknown])[] = [];
  if (token.pointer !== undefined) writes.push([tokensOf(token.pointer), issued.token]);
  if (token.expiresAt)
    writes.push([
      tokensOf(token.expiresAt.pointer),
      expiryValue(token.expiresAt.format, issued.exp, issued.lifetimeSeconds),
    ]);
  if (token.refresh !== undefined)
    writes.push([
      tokensOf(token.refresh),
      session.context.families.issue(family, issued.nowMs, operation.lifetimeSeconds),
    ]);
  const headers: [string, string][] = [
    [
      "content-type",
      operation.successMediaType === "application/json"
        ? JSON_CONTENT_TYPE
        : operation.successMediaType,
    ],
  ];
  pushTokenHeader(api, headers, issued.token, issued.lifetimeSeconds);
  headers.push([SCENARIO_HEADER, operation.outcomes.success]);
  return {
    kind: "response",
    status: operation.successStatus,
    headers,
    body: JSON.stringify(writeTokens(operation.successBody, writes)),
    delayMs: 0,
  };
}

/**
 * Ends what a login started: every credential sent (a bearer token, the token cookie, a refresh
 * token in the body) names a family, and each is revoked. The token cookie is cleared with the
 * attributes it was set with (`Max-Age=0`). Nothing sent that this session knows: the spec's
 * `unauthenticated` example, else success (logging out twice is not an error).
 */
async function logout(
  pipeline: SessionPipeline,
  session: LiveSession,
  api: LoginApi,
  operation: LogoutOperation,
  input: LoginInput,
  fields: LoginFields,
  faults: readonly SpecValidationError[],
): Promise<{ reply: MockReply; served: string | null }> {
  const { outcomes } = operation;
  if (faults.length > 0 && outcomes.invalidRequest)
    return example(operation, outcomes.invalidRequest);
  const { families } = session.context;
  const found: TokenFamily[] = [];
  const tokens: string[] = [];
  const bearer = /^Bearer +(\S+)\s*$/i.exec(input.authorization ?? "")?.[1];
  if (bearer) tokens.push(bearer);
  const placement = api.token.placement;
  if (placement.in === "cookie" && input.cookie) {
    const cookie = readCookie(input.cookie, placement.cookie.name);
    if (cookie) tokens.push(cookie);
  }
  for (const token of tokens) {
    const payload = await pipeline.verify(token);
    const family = typeof payload?.sid === "string" ? families.family(payload.sid) : undefined;
    if (family && family.api === api.id) found.push(family);
  }
  const sent = operation.field === undefined ? undefined : fields[operation.field];
  const record = typeof sent === "string" ? families.find(sent, api.id) : undefined;
  if (record) found.push(record.family);
  const live = found.filter((family) => !family.revoked);
  for (const family of live) families.revoke(family);
  const name =
    live.length === 0 && outcomes.unauthenticated ? outcomes.unauthenticated : outcomes.success;
  const answer = example(operation, name);
  if (placement.in !== "cookie" || answer.reply.kind !== "response") return answer;
  // Cleared with the attributes it was set with: a browser drops a cookie only when they match.
  const clear = pushClearedCookie(api);
  return { ...answer, reply: { ...answer.reply, headers: [clear, ...answer.reply.headers] } };
}

function pushClearedCookie(api: LoginApi): [string, string] {
  const headers: [string, string][] = [];
  pushTokenHeader(api, headers, "", 0);
  return headers[0] as [string, string];
}
