/**
 * One login, for any API, from what its spec declares (`LoginApi`): `decide` names the example
 * a request gets — invalid input, a rejected challenge, a locked, unknown or wrong-secret
 * account, an account's own answer, or success — in the order a login handler checks them;
 * `succeed` builds the one reply that is not a fixed example: the success body with a real
 * signed token, fresh refresh token, expiry and profile written where the spec points, the token
 * in a cookie or header if the spec says so. Every other reply is the spec's example, verbatim.
 */
import type { SpecValidationError } from "../../../openapi/generated/validators.js";
import { readPointer, tokensOf, writeTokens } from "../../../openapi/json-pointer.ts";
import type { LoginApi } from "../../../openapi/login-api.ts";
import type { UserStore } from "../../store/user-store.ts";
import type { Clock } from "../sessions/clock.ts";
import type { TokenSigner } from "../tokens/jwt.ts";
import { randomToken } from "../tokens/random-token.ts";
import { cookieWriter } from "../tokens/set-cookie.ts";
import { type ChallengeMode, isChallengeAccepted } from "./challenge.ts";
import type { LockoutBook } from "./lockouts.ts";
import type { LoginRequestCheck } from "./login-request.ts";
import { JSON_CONTENT_TYPE, type MockReply, SCENARIO_HEADER } from "./mock-reply.ts";
import type { LoginFields } from "./request-data.ts";

export interface BehaviourContext {
  readonly store: UserStore;
  readonly clock: Clock;
  readonly signToken: TokenSigner;
  /** Overrides the documented token lifetime, so QA can watch tokens expire in seconds. */
  readonly tokenTtlSeconds: number | undefined;
  readonly challenge: ChallengeMode;
  readonly lockouts: LockoutBook;
}

/** The example `api` answers this request with, judged by its spec and the session's state. */
export function decideLogin(
  api: LoginApi,
  check: LoginRequestCheck,
  fields: LoginFields,
  context: BehaviourContext,
): string {
  const { outcomes, request } = api;
  if (!check.valid) return invalidInputExample(api, check);
  const challenge = request.challenge;
  if (challenge && !isChallengeAccepted(context.challenge, fields[challenge.field]))
    return challenge.rejected;
  const identity = fields[request.identity];
  const account = typeof identity === "string" ? context.store.find(api, identity) : undefined;
  if (!account) return outcomes.unknownAccount;
  const lockout = outcomes.lockedOut;
  const nowMs = lockout ? context.clock.now() : 0;
  const lockKey = `${api.id}\n${account.identity}`;
  if (lockout && context.lockouts.isLocked(lockKey, nowMs)) return lockout.example;
  if (account.secret !== fields[request.secret]) {
    if (lockout) context.lockouts.fail(lockKey, nowMs, lockout);
    return outcomes.wrongSecret;
  }
  if (lockout) context.lockouts.succeed(lockKey);
  return account.answer ?? outcomes.success;
}

/**
 * The malformed-identity example when the identity's format is the body's only fault (an email
 * that is not one), else the invalid-request example.
 */
function invalidInputExample(
  api: LoginApi,
  check: { readonly faults: readonly SpecValidationError[] },
) {
  const malformed = api.outcomes.malformedIdentity;
  if (!malformed) return api.outcomes.invalidRequest;
  const at = `/${api.request.identity}`;
  const onlyFormat =
    check.faults.length > 0 &&
    check.faults.every(
      (fault) =>
        (fault.keyword === "format" || fault.keyword === "pattern") && fault.instancePath === at,
    );
  return onlyFormat ? malformed : api.outcomes.invalidRequest;
}

/**
 * Logs in the account `identity` names, or the first declared account when none matches (a
 * forced success still answers as a real account).
 */
export async function succeedLogin(
  api: LoginApi,
  identity: string | undefined,
  context: BehaviourContext,
  /** The scenario name the reply carries in `x-mock-scenario`. */
  served: string = api.outcomes.success,
): Promise<MockReply> {
  const { store, clock, signToken, tokenTtlSeconds } = context;
  const known =
    (identity === undefined ? undefined : store.find(api, identity)) ??
    store.find(api, api.accounts[0]?.identity ?? "");
  if (!known) throw new Error(`[login-mock] ${api.title} has no demo account in the store.`);
  const nowMs = clock.now();
  const account = store.recordLogin(api, known.identity, new Date(nowMs).toISOString());
  const token = api.token;
  const lifetimeSeconds = tokenTtlSeconds ?? token.lifetimeSeconds;
  const shape = successShape(api);
  const claims: { sub: string; [claim: string]: unknown } = { sub: account.subject };
  for (const [claim, pointer] of shape.claims) {
    const value = readPointer(account.profile, pointer);
    if (value !== undefined) claims[claim] = value;
  }
  const signed = await signToken(claims, { nowMs, lifetimeSeconds });
  const writes: (readonly [readonly string[], unknown])[] = [];
  if (shape.profileAt) writes.push([shape.profileAt, account.profile]);
  if (shape.tokenAt) writes.push([shape.tokenAt, signed.token]);
  if (shape.expiresAt) {
    const format = shape.expiresAt.format;
    const value =
      format === "date-time"
        ? new Date(signed.exp * 1000).toISOString()
        : format === "unix-seconds"
          ? signed.exp
          : lifetimeSeconds;
    writes.push([shape.expiresAt.tokens, value]);
  }
  if (shape.refreshAt) writes.push([shape.refreshAt, randomToken()]);
  const body = writeTokens(api.successBody, writes);
  const headers: [string, string][] = [["content-type", shape.contentType]];
  const placement = token.placement;
  if (placement.in === "cookie")
    headers.push(["set-cookie", shape.writeCookie(signed.token, lifetimeSeconds)]);
  else if (placement.in === "header") headers.push([placement.header, signed.token]);
  headers.push([SCENARIO_HEADER, served]);
  return {
    kind: "response",
    status: shape.status,
    headers,
    body: JSON.stringify(body),
    delayMs: 0,
  };
}

interface SuccessShape {
  /** The spec's `token.claims` as pairs, worked out once. */
  readonly claims: readonly (readonly [string, string])[];
  /** Where the success body takes each live value, as parsed pointers (none: not written). */
  readonly profileAt: readonly string[] | undefined;
  readonly tokenAt: readonly string[] | undefined;
  readonly expiresAt:
    | {
        readonly tokens: readonly string[];
        readonly format: "date-time" | "unix-seconds" | "seconds-from-now";
      }
    | undefined;
  readonly refreshAt: readonly string[] | undefined;
  readonly status: number;
  readonly contentType: string;
  readonly writeCookie: (value: string, maxAgeSeconds?: number) => string;
}

const successShapes = new WeakMap<LoginApi, SuccessShape>();

/** What every success of `api` shares, worked out once. */
function successShape(api: LoginApi): SuccessShape {
  let shape = successShapes.get(api);
  if (!shape) {
    const example = api.examples.find((candidate) => candidate.name === api.outcomes.success);
    const placement = api.token.placement;
    const expiresAt = api.token.expiresAt;
    shape = {
      claims: Object.entries(api.token.claims),
      profileAt: api.profile ? tokensOf(api.profile.pointer) : undefined,
      tokenAt: placement.in === "body" ? tokensOf(placement.pointer) : undefined,
      expiresAt: expiresAt
        ? { tokens: tokensOf(expiresAt.pointer), format: expiresAt.format }
        : undefined,
      refreshAt: api.token.refresh ? tokensOf(api.token.refresh) : undefined,
      status: example?.status ?? 200,
      contentType: contentTypeOf(example?.mediaType ?? "application/json"),
      writeCookie:
        placement.in === "cookie"
          ? cookieWriter(placement.cookie)
          : () => {
              throw new Error("[login-mock] This API's token goes in no cookie.");
            },
    };
    successShapes.set(api, shape);
  }
  return shape;
}

/**
 * A named spec example as a reply: its status, its body verbatim, the media type the spec
 * documents it under (Express's `application/json; charset=utf-8` for JSON), and the
 * `x-mock-scenario` header naming it.
 */
export function exampleReply(api: LoginApi, name: string): MockReply {
  // The examples never change and replies are never mutated: render each once, not per request.
  let replies = exampleReplies.get(api);
  if (!replies) {
    replies = new Map();
    exampleReplies.set(api, replies);
  }
  let reply = replies.get(name);
  if (!reply) {
    const example = api.examples.find((candidate) => candidate.name === name);
    if (!example) throw new Error(`[login-mock] ${api.title} has no response example "${name}".`);
    reply = {
      kind: "response",
      status: example.status,
      headers: [
        ["content-type", contentTypeOf(example.mediaType)],
        [SCENARIO_HEADER, name],
      ],
      body: JSON.stringify(example.value),
      delayMs: 0,
    };
    replies.set(name, reply);
  }
  return reply;
}

const exampleReplies = new WeakMap<LoginApi, Map<string, MockReply>>();

function contentTypeOf(mediaType: string): string {
  return mediaType === "application/json" ? JSON_CONTENT_TYPE : mediaType;
}
