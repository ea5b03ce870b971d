/** The server's own errors, as problem+json replies (see mocks/core/problem.ts). */

import { problemReply } from "../mocks/core/problem.ts";
import { LOGIN_PATH } from "../openapi/documents.ts";

export const notFound = (method: string, path: string) =>
  problemReply(
    404,
    "no-such-route",
    "No such route",
    `[login-mock] ${method} ${path} is not served. The mock serves POST ${LOGIN_PATH}, and its control API under /__mock/ (open /__mock/ in a browser).`,
  );

export const methodNotAllowed = (method: string, path: string, allow: string) =>
  problemReply(
    405,
    "method-not-allowed",
    "Method not allowed",
    `[login-mock] ${method} is not allowed on ${path}. Use ${allow}.`,
    { allow },
  );

export const bodyTooLarge = (limitBytes: number) =>
  problemReply(
    413,
    "body-too-large",
    "Request body too large",
    `[login-mock] The request body is larger than ${limitBytes} bytes. A login body is a few hundred bytes; send only email, password (and recaptchaVal for Seamless).`,
    { limitBytes },
  );

export const remoteControlRefused = () =>
  problemReply(
    403,
    "control-api-loopback-only",
    "Control API is loopback-only",
    "[login-mock] The control API answers only on loopback. Start the server with --allow-remote-control to open it to other hosts.",
  );

export const internalError = () =>
  problemReply(
    500,
    "mock-internal-error",
    "The mock failed",
    "[login-mock] The mock itself failed on this request (this is not a vendor response). The server keeps running; please report it with the request that caused it.",
  );
