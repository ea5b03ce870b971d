/**
 * The login behaviour of each built-in API, in one place: what cannot be read from the spec
 * alone, behind the one `VariantBehaviour` interface.
 */
import type { VariantBehaviour } from "./behaviour.ts";
import { seamlessLogin } from "./seamless-login.ts";
import { talkstackLogin } from "./talkstack-login.ts";

export const BEHAVIOURS: {
  readonly talkstack: VariantBehaviour<"talkstack">;
  readonly seamless: VariantBehaviour<"seamless">;
} = { talkstack: talkstackLogin, seamless: seamlessLogin };
