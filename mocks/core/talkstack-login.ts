/**
 * TalkStack's login, as its document describes it and its enum implies: the body against the
 * spec's `LoginRequest` first (CREDENTIALS_MISSING before INVALID_EMAIL, as the spec says), then
 * the account, then a real JWT that expires when `expirationTime` says.
 */
import type { SpecValidationError } from "../../openapi/generated/validators.js";
import type { TalkStackResponseBody } from "../../openapi/types.ts";
import { TALKSTACK_DEMO } from "../store/demo-accounts.ts";
import type { VariantBehaviour } from "./behaviour.ts";
import { jsonReply } from "./mock-reply.ts";
import { randomToken } from "./random-token.ts";
import { exampleValue, schemaExtension } from "./spec-values.ts";

const successTemplate = exampleValue("talkstack", "success") as TalkStackResponseBody<200>;
/** The JWT's lifetime as the spec documents it (`Jwt` `x-token-lifetime-seconds`). */
const TOKEN_LIFETIME_SECONDS = Number(
  schemaExtension("talkstack", "Jwt", "x-token-lifetime-seconds"),
);

export const talkstackLogin: VariantBehaviour<"talkstack"> = {
  successExample: "success",
  documentedTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,

  decide(check, { store }) {
    if (!check.valid) return { example: invalidInputExample(check.faults) };
    const { email, password } = check.request;
    const account = store.findTalkStackAccount(email);
    if (!account) return { example: "user-not-found" };
    if (account.password !== password) return { example: "invalid-password" };
    if (!account.verified) return { example: "account-not-verified" };
    return { example: "success" };
  },

  async succeed(email, { store, clock, signToken, tokenTtlSeconds }) {
    const account =
      (email === undefined ? undefined : store.findTalkStackAccount(email)) ??
      store.findTalkStackAccount(TALKSTACK_DEMO.documented.email);
    if (!account)
      throw new Error("[login-mock] The TalkStack demo account is missing from the store.");
    const { token, exp } = await signToken(
      { sub: account.id, email: account.profile.email },
      { nowMs: clock.now(), lifetimeSeconds: tokenTtlSeconds ?? TOKEN_LIFETIME_SECONDS },
    );
    const body: TalkStackResponseBody<200> = {
      message: successTemplate.message,
      status: "success",
      token,
      refreshToken: randomToken(),
      expirationTime: new Date(exp * 1000).toISOString(),
      user: account.profile,
      loginStatus: 7,
    };
    return jsonReply(200, body);
  },
};

/**
 * INVALID_EMAIL only when the email's format is the body's sole fault; anything missing, empty
 * or mistyped is CREDENTIALS_MISSING, which the spec puts first.
 */
function invalidInputExample(faults: readonly SpecValidationError[]): string {
  const formatOnly = faults.every(
    (fault) => fault.keyword === "format" && fault.instancePath === "/email",
  );
  return faults.length > 0 && formatOnly ? "invalid-email" : "credentials-missing";
}
