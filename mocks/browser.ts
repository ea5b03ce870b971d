/**
 * MSW in the browser: `setupWorker` over the login handlers. Copy the worker script into your
 * public folder once with `npx msw init <public-dir>`, then start it before your app renders.
 *
 * @example
 * import { worker } from "login-mock/browser";
 * await worker.start({ onUnhandledFrame: "bypass" });
 */
import { setupWorker } from "msw/browser";
import { handlers } from "./default-mock.ts";

export * from "./index.ts";

/** A worker with the built-in APIs' handlers, not yet started. */
export const worker = setupWorker(...handlers);
