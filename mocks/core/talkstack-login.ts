/**
 * TalkStack's login, as its document describes it and its enum implies: checks in the order
 * an Express handler would make them, then a real JWT that expires when `expirationTime` says.
 */
import type { TalkStackResponseBody } from "../../openapi/types.ts";
import { TALKSTACK_DEMO } from "../store/demo-accounts.ts";
import type { VariantBehaviour } from "./behaviour.ts";
import { jsonReply } from "./mock-reply.ts";
import { randomToken } from "./random-token.ts";
import { isTruthyField, looksLikeEmail } from "./request-data.ts";
import { exampleValue, schemaExtension } from "./spec-values.ts";

const successTemplate = exampleValue("talkstack", "success") as TalkStackResponseBody<200>;
const TOKEN_LIFETIME_SECONDS = Number(
  schemaExtension("talkstack", "Jwt", "x-token-lifetime-seconds"),
);

export const talkstackLogin: VariantBehaviour = {
  successExample: "success",

  decide(fields, { store }) {
    // `if (!email || !password)`: absent, empty, null, 0 and false all count as missing.
    if (!isTruthyField(fields, "email") || !isTruthyField(fields, "password")) {
      return { example: "credentials-missing" };
    }
    const { email, password } = fields;
    if (typeof password !== "string") return { example: "credentials-missing" };
    if (typeof email !== "string" || !looksLikeEmail(email.trim())) {
      return { example: "invalid-email" };
    }
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
