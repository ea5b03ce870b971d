/**
 * Seamless' login: the body against the spec's `LoginRequest` (any fault is the documented 422),
 * then reCAPTCHA, then credentials (a captcha is checked before the database is touched).
 * Success counts the login in the store and puts the JWT in the `token` cookie only; the body
 * never carries it.
 */
import type { SeamlessResponseBody } from "../../openapi/types.ts";
import { SEAMLESS_DEMO } from "../store/demo-accounts.ts";
import type { VariantBehaviour } from "./behaviour.ts";
import { jsonReply } from "./mock-reply.ts";
import { isRecaptchaAccepted } from "./recaptcha.ts";
import { cookieWriter } from "./set-cookie.ts";
import { exampleValue, seamlessCookieContract } from "./spec-values.ts";

const successTemplate = exampleValue("seamless", "success") as SeamlessResponseBody<200>;
const cookie = seamlessCookieContract();
const writeCookie = cookieWriter(cookie);

export const seamlessLogin: VariantBehaviour<"seamless"> = {
  successExample: "success",
  documentedTokenLifetimeSeconds: cookie.maxAgeSeconds,

  decide(check, { store, recaptcha }) {
    if (!check.valid) return { example: "missing-fields" };
    const { email, password, recaptchaVal } = check.request;
    if (!isRecaptchaAccepted(recaptcha, recaptchaVal)) return { example: "recaptcha-failed" };
    const account = store.findSeamlessAccount(email);
    if (!account || account.password !== password) return { example: "invalid-credentials" };
    return { example: "success" };
  },

  async succeed(email, { store, clock, signToken, tokenTtlSeconds }) {
    const known =
      (email === undefined ? undefined : store.findSeamlessAccount(email)) ??
      store.findSeamlessAccount(SEAMLESS_DEMO.documented.email);
    if (!known)
      throw new Error("[login-mock] The Seamless demo account is missing from the store.");
    const nowMs = clock.now();
    const account = store.recordSeamlessLogin(known.config.email, new Date(nowMs).toISOString());
    const lifetimeSeconds = tokenTtlSeconds ?? cookie.maxAgeSeconds;
    const { token } = await signToken(
      { sub: account.config._id, email: account.config.email },
      { nowMs, lifetimeSeconds },
    );
    const body: SeamlessResponseBody<200> = {
      status: "success",
      data: account.config,
      message: successTemplate.message,
    };
    return jsonReply(200, body, [["set-cookie", writeCookie(token, lifetimeSeconds)]]);
  },
};
