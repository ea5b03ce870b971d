/**
 * MSW in the browser: `setupWorker` over the login handlers. Copy the worker script into your
 * public folder once with `npx msw init <public-dir>`, then start it before your app renders.
 *
 * @example
 * import { startWorker } from "login-mock/browser";
 * await startWorker({ onUnhandledFrame: "bypass", panel: true });
 */
import { type SetupWorker, setupWorker } from "msw/browser";
import { catalogueOf } from "./core/catalogue/scenario-catalogue.ts";
import type { LoginMock } from "./core/login-mock.ts";
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "./core/sessions/session-id.ts";
import { defaultMock, handlers } from "./default-mock.ts";
import { createHandlers } from "./msw/handlers.ts";
import type { PanelHandle } from "./panel-overlay/overlay.ts";

export * from "./index.ts";
export type { PanelHandle } from "./panel-overlay/overlay.ts";

/** A worker with the built-in APIs' handlers, not yet started. */
export const worker = setupWorker(...handlers);

/** MSW's own `worker.start` options (msw 2 or 3), and what login-mock adds. */
export type StartWorkerOptions = NonNullable<Parameters<SetupWorker["start"]>[0]> & {
  /**
   * The mock to serve and control: its handlers on its specs' servers (your own API's, say).
   * Default: `defaultMock`, the built-in APIs, served by `worker`.
   */
  readonly mock?: LoginMock;
  /** A worker of your own over `mock`'s handlers (custom base URLs, extra handlers): started instead. */
  readonly worker?: SetupWorker;
  /**
   * Development only: an overlay in the page with the control panel's controls (scenario,
   * session, clock, journal, whoami) acting on `mock` directly. Loaded on demand: without
   * `panel: true` its code is never fetched, and a production build that keeps the mocks
   * inside `if (import.meta.env.DEV)` contains none of it.
   */
  readonly panel?: boolean;
};

/**
 * Starts MSW's worker over a login mock's handlers and, with `panel: true`, shows the panel
 * overlay. Answers the worker (to `stop()` it or `use()` overrides).
 *
 * @example
 * if (import.meta.env.DEV) {
 *   const { startWorker } = await import("login-mock/browser");
 *   await startWorker({ onUnhandledFrame: "bypass", panel: true });
 * }
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<SetupWorker> {
  const { mock = defaultMock, worker: own, panel, ...start } = options;
  const started = own ?? (mock === defaultMock ? worker : setupWorker(...createHandlers(mock)));
  await started.start(start);
  // Where a test runner finds the page's mock (login-mock/playwright's `loginMockIn: "page"`):
  // a registered symbol, so it names nothing of the app's.
  (globalThis as Record<symbol, unknown>)[PAGE_MOCK] = mock;
  if (panel) await showPanel(mock);
  return started;
}

/** The key `startWorker` keeps its mock under on `globalThis`, for test runners driving the page. */
export const PAGE_MOCK = Symbol.for("login-mock.page-mock");

/**
 * The panel overlay on this page, acting on `mock` (default `defaultMock`): what `startWorker`'s
 * `panel: true` shows. Its module is loaded here, on first use, as a chunk of its own.
 */
export async function showPanel(mock: LoginMock = defaultMock): Promise<PanelHandle> {
  const { mountPanel } = await import("./panel-overlay/overlay.ts");
  return mountPanel(mock, {
    catalogueOf,
    sessionCookie: SESSION_COOKIE,
    sessionIdPattern: SESSION_ID_PATTERN,
  });
}
