/**
 * The two request bodies every bench sends: a Seamless login that succeeds (with the demo
 * store and `--recaptcha accept`) and one that fails validation (422). A module of its own,
 * without side effects, so the in-process MSW case can share it without load-target.ts's
 * core pinning.
 */
export const SUCCESS_BODY = JSON.stringify({
  email: "user@example.com",
  password: "securePassword123",
  recaptchaVal: "bench",
});
export const ERROR_BODY = JSON.stringify({ email: "user@example.com" });
