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
import type { TokenFamilies, TokenFamily } from "../sessions/token-families.ts";
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
  /** Whether a lockout the spec marks `optIn` is on (`lockout: true`, `serve --lockout`). */
  readonly lockoutOptIn: boolean;
  /** Logins and refresh tokens, for an API whose spec declares refresh or logout. */
  readonly families: TokenFamilies;
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
  const declared = outcomes.lockedOut;
  const lockout = declared && (!declared.optIn || context.lockoutOptIn) ? declared : undefined;
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
  const { store, clock, tokenTtlSeconds } = context;
  const known =
    (identity === undefined ? undefined : store.find(api, identity)) ??
    store.find(api, api.accounts[0]?.identity ?? "");
  if (!known) throw new Error(`[login-mock] ${api.title} has no demo account in the store.`);
  const nowMs = clock.now();
  const account = store.recordLogin(api, known.identity, new Date(nowMs).toISOString());
  const lifetimeSeconds = tokenTtlSeconds ?? api.token.lifetimeSeconds;
  const shape = successShape(api);
  // A login is remembered only where a refresh or logout can act on it.
  const family =
    api.refresh || api.logout ? context.families.start(api.id, account.identity) : undefined;
  const signed = await signAccessToken(api, account, context, { nowMs, lifetimeSeconds, family });
  const writes: (readonly [readonly string[], unknown])[] = [];
  if (shape.profileAt) writes.push([shape.profileAt, account.profile]);
  if (shape.tokenAt) writes.push([shape.tokenAt, signed.token]);
  if (shape.expiresAt)
    writes.push([
      shape.expiresAt.tokens,
      expiryValue(shape.expiresAt.format, signed.exp, lifetimeSeconds),
    ]);
  if (shape.refreshAt) {
    const refresh =
      family && api.refresh
        ? context.families.issue(family, nowMs, api.refresh.lifetimeSeconds)
        : randomToken();
    writes.push([shape.refreshAt, refresh]);
  }
  const body = writeTokens(api.successBody, writes);
  const headers: [string, string][] = [["content-type", shape.contentType]];
  pushTokenHeader(api, headers, signed.token, lifetimeSeconds);
  headers.push([SCENARIO_HEADER, served]);
  return {
    kind: "response",
    status: shape.status,
    headers,
    body: JSON.stringify(body),
    delayMs: 0,
  };
}

/** The value an `expiresAt` pointer takes, in the format the spec names. */
export function expiryValue(
  format: "date-time" | "unix-seconds" | "seconds-from-now",
  exp: number,
  lifetimeSeconds: number,
): string | number {
  return format === "date-time"
    ? new Date(exp * 1000).toISOString()
    : format === "unix-seconds"
      ? exp
      : lifetimeSeconds;
}

/**
 * A signed access token for `account`: `sub`, the spec's claims read from its profile, and, for
 * a login a refresh or logout can act on, `sid` naming its family (token-families.ts).
 */
export function signAccessToken(
  api: LoginApi,
  account: { readonly subject: string; readonly profile: unknown },
  context: BehaviourContext,
  timing: { nowMs: number; lifetimeSeconds: number; family: TokenFamily | undefined },
) {
  const claims: { sub: string; [claim: string]: unknown } = { sub: account.subject };
  for (const [claim, pointer] of successShape(api).claims) {
    const value = readPointer(account.profile, pointer);
    if (value !== undefined) claims[claim] = value;
  }
  if (timing.family) claims.sid = timing.family.id;
  return context.signToken(claims, timing);
}

/** The token in the cookie or response header the spec puts it in (a body token is written). */
export function pushTokenHeader(
  api: LoginApi,
  headers: [string, string][],
  token: string,
  lifetimeSeconds: number,
): void {
  const placement = api.token.placement;
  if (placement.in === "cookie")
    headers.push(["set-cookie", successShape(api).writeCookie(token, lifetimeSeconds)]);
  else if (placement.in === "header") headers.push([placement.header, token]);
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
  return operationExampleReply(api, api.examples, name);
}

/**
 * `exampleReply` for any operation's examples (`owner`: what they belong to, which keeps the
 * rendered replies). A response without a body (a logout's 204) has no content type.
 */
export function operationExampleReply(
  owner: object,
  examples: LoginApi["examples"],
  name: string,
): MockReply {
  // The examples never change and replies are never mutated: render each once, not per request.
  let replies = exampleReplies.get(owner);
  if (!replies) {
    replies = new Map();
    exampleReplies.set(owner, replies);
  }
  let reply = replies.get(name);
  if (!reply) {
    const example = examples.find((candidate) => candidate.name === name);
    if (!example) throw new Error(`[login-mock] No response example "${name}".`);
    const bodiless = example.value === undefined;
    reply = {
      kind: "response",
      status: example.status,
      headers: [
        ...(bodiless ? [] : [["content-type", contentTypeOf(example.mediaType)] as const]),
        [SCENARIO_HEADER, name],
      ],
      body: bodiless ? "" : JSON.stringify(example.value),
      delayMs: 0,
    };
    replies.set(name, reply);
  }
  return reply;
}

const exampleReplies = new WeakMap<object, Map<string, MockReply>>();

function contentTypeOf(mediaType: string): string {
  return mediaType === "application/json" ? JSON_CONTENT_TYPE : mediaType;
}
