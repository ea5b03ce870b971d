// Generated from openapi/talkstack.yaml, openapi/seamless.yaml by `npm run generate`. Do not edit.

import type * as talkstack from "./talkstack.ts";
import type * as seamless from "./seamless.ts";

/** Each preset's login operation (the one with `x-login-mock`), as openapi-typescript types it. */
export interface LoginOperations {
  talkstack: talkstack.paths["/auth/login"]["post"];
  seamless: seamless.paths["/auth/login"]["post"];
}

/**
 * Each variant's named response examples, which are the mock's response scenarios, with the
 * status each is documented under.
 */
export interface ResponseExamples {
  talkstack: {
    /** 200: Logged in (loginStatus 7, SUCCESS) */
    "success": 200;
    /** 400: email or password missing (loginStatus 0, CREDENTIALS_MISSING) */
    "credentials-missing": 400;
    /** 400: email is not an email address (loginStatus 9, INVALID_EMAIL) */
    "invalid-email": 400;
    /** 401: Wrong password (loginStatus 4, INVALID_PASSWORD) */
    "invalid-password": 401;
    /** 403: Email not verified (loginStatus 2, ACCOUNT_NOT_VERIFIED) */
    "account-not-verified": 403;
    /** 404: Unknown email (loginStatus 3, USER_NOT_FOUND) */
    "user-not-found": 404;
    /** 413: The body is over 100 kB */
    "body-too-large": 413;
    /** 429: Locked after too many wrong passwords (loginStatus 8, LOGIN_FAILED) */
    "too-many-attempts": 429;
    /** 500: Server error (loginStatus 8, LOGIN_FAILED) */
    "login-failed": 500;
  };
  seamless: {
    /** 200: Logged in; user configuration in `data`, JWT in the cookie */
    "success": 200;
    /** 401: Wrong email or password */
    "invalid-credentials": 401;
    /** 401: reCAPTCHA validation failed */
    "recaptcha-failed": 401;
    /** 413: The body is over 100 kB */
    "body-too-large": 413;
    /** 422: A required field is missing */
    "missing-fields": 422;
    /** 429: Locked after too many wrong passwords */
    "too-many-attempts": 429;
    /** 500: Server error */
    "server-error": 500;
  };
}
