/**
 * What a variant's login behaviour is made of: `decide` reads the request data and names the
 * spec example to answer with; `succeed` builds the one response that is not a fixed example
 * (fresh tokens, updated state). Everything else is the spec's example, verbatim.
 */

import type { UserStore } from "../store/user-store.ts";
import type { Clock } from "./clock.ts";
import type { TokenSigner } from "./jwt.ts";
import type { MockReply } from "./mock-reply.ts";
import type { RecaptchaMode } from "./recaptcha.ts";
import type { LoginFields } from "./request-data.ts";

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

export interface VariantBehaviour {
  /** The example name of the success response. */
  readonly successExample: string;
  decide(fields: LoginFields, context: BehaviourContext): Decision;
  /** Logs in the account `email` names, or the documented demo account when none matches. */
  succeed(email: string | undefined, context: BehaviourContext): Promise<MockReply>;
}
