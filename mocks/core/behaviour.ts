/**
 * What a variant's login behaviour is made of: `decide` reads the request data and names the
 * spec example to answer with; `succeed` builds the one response that is not a fixed example
 * (fresh tokens, updated state). Everything else is the spec's example, verbatim.
 */

import type { Variant } from "../../openapi/documents.ts";
import type { UserStore } from "../store/user-store.ts";
import type { Clock } from "./clock.ts";
import type { TokenSigner } from "./jwt.ts";
import type { LoginRequestCheck } from "./login-request.ts";
import { JSON_CONTENT_TYPE, type MockReply, SCENARIO_HEADER } from "./mock-reply.ts";
import type { RecaptchaMode } from "./recaptcha.ts";
import { responseScenario } from "./spec-values.ts";

export interface BehaviourContext {
  readonly store: UserStore;
  readonly clock: Clock;
  readonly signToken: TokenSigner;
  /** Overrides the documented token lifetime, so QA can watch tokens expire in seconds. */
  readonly tokenTtlSeconds: number | undefined;
  readonly recaptcha: RecaptchaMode;
}

export interface Decision {
  /** The spec example to answer with. */
  readonly example: string;
}

export interface VariantBehaviour<V extends Variant = Variant> {
  /** The example name of the success response. */
  readonly successExample: string;
  /** How long the tokens a login issues live, as the spec documents it, in seconds. */
  readonly documentedTokenLifetimeSeconds: number;
  /** Reads the body as the spec's `LoginRequest` judged it (one check per request, shared). */
  decide(check: LoginRequestCheck<V>, context: BehaviourContext): Decision;
  /** Logs in the account `email` names, or the documented demo account when none matches. */
  succeed(email: string | undefined, context: BehaviourContext): Promise<MockReply>;
}

/**
 * A named spec example as a reply: its status, its body verbatim, and the media type the spec
 * documents it under (Express's `application/json; charset=utf-8` for JSON; the 413's
 * `application/problem+json` as login-mock's server sends it), and the `x-mock-scenario` header
 * naming it.
 */
export function exampleReply(variant: Variant, name: string): MockReply {
  // The examples never change and replies are never mutated: render each once, not per request.
  // One map per variant: no key string to build and hash on every error reply.
  const replies = exampleReplies[variant];
  let reply = replies.get(name);
  if (!reply) {
    const { status, example } = responseScenario(variant, name);
    const contentType =
      example.mediaType === "application/json" ? JSON_CONTENT_TYPE : example.mediaType;
    reply = {
      kind: "response",
      status,
      headers: [
        ["content-type", contentType],
        [SCENARIO_HEADER, name],
      ],
      body: JSON.stringify(example.value),
      delayMs: 0,
    };
    replies.set(name, reply);
  }
  return reply;
}

const exampleReplies: Readonly<Record<Variant, Map<string, MockReply>>> = {
  talkstack: new Map(),
  seamless: new Map(),
};
