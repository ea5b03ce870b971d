/**
 * MSW in the browser: `setupWorker` over the login handlers. Copy the worker script into your
 * public folder once with `npx msw init <public-dir>`, then start it before your app renders.
 *
 * @example
 * import { worker } from "login-mock/browser";
 * await worker.start({ onUnhandledFrame: "bypass" });
 */
import { setupWorker } from "msw/browser";
import { handlers } from "./index.ts";

export * from "./index.ts";

/** A worker with both variants' handlers, not yet started. */
export const worker = setupWorker(...handlers);
