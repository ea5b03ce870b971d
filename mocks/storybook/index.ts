/**
 * `login-mock/storybook`: every story in a mock session of its own, set up before it renders.
 * A Storybook loader (loaders run before render) starts MSW's worker once, puts the page in
 * the story's session (the `mock-session` cookie, so the story's own requests land there),
 * resets that session and applies the story's `parameters.loginMock`: a scenario, a clock
 * move, a login already made. No import of Storybook: its loader and decorator are plain
 * functions, typed by the shape Storybook passes them.
 *
 * @example
 * // .storybook/preview.ts
 * import { loginMockDecorator, loginMockLoader } from "login-mock/storybook";
 * export default { loaders: [loginMockLoader()], decorators: [loginMockDecorator] };
 */
import { type StartWorkerOptions, startWorker } from "../browser.ts";
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../core/sessions/session-id.ts";
import { defaultMock } from "../default-mock.ts";
import { setUpStory } from "./story-session.ts";

/** What a story's `parameters.loginMock` may say. */
export interface LoginMockParameters {
  /** The session to use; default: one named after the story's id. */
  readonly session?: string;
  /** The API `scenario` and `signedIn` act on; default: the mock's first. */
  readonly api?: string;
  /** A scenario of that API for every login in the session, or with `times` the next n. */
  readonly scenario?: string;
  readonly times?: number;
  /** Moves the session's clock after any `signedIn` login: `"25h"`, `"30m"` or seconds. */
  readonly clock?: { readonly advance: string | number };
  /** Logs in before render: as the spec's first demo account, or as this one. */
  readonly signedIn?: true | { readonly identity: string; readonly secret: string };
}

/** What the loader answers, as `loaded.loginMock` in the story's context. */
export interface LoginMockLoaded {
  readonly session: string;
  readonly api: string;
  /** The `signedIn` login's answer: its status, its parsed body and its token (if the API's token is in the body, a header or a cookie). */
  readonly signedIn?: {
    readonly status: number;
    readonly body: unknown;
    readonly token: string | undefined;
  };
}

/** The part of Storybook's story context the loader and decorator read. */
export interface LoginMockStoryContext {
  readonly id: string;
  readonly parameters: { readonly loginMock?: LoginMockParameters } & Record<string, unknown>;
}

export type LoginMockLoaderOptions = StartWorkerOptions;

let worker: Promise<unknown> | undefined;

/**
 * A Storybook loader: add it to `loaders` in `.storybook/preview.ts`. `options` are
 * `startWorker`'s (your own `mock`, a `worker` of your own, MSW's start options); the worker is
 * started once, by the first story, and every later story awaits the same start.
 */
export function loginMockLoader(
  options: LoginMockLoaderOptions = {},
): (context: LoginMockStoryContext) => Promise<{ loginMock: LoginMockLoaded }> {
  const mock = options.mock ?? defaultMock;
  return async (context) => {
    // msw 3 reads onUnhandledFrame, msw 2 onUnhandledRequest; each ignores the other's.
    const bypass = { onUnhandledFrame: "bypass", onUnhandledRequest: "bypass" };
    worker ??= startWorker({ quiet: true, ...(bypass as StartWorkerOptions), ...options });
    await worker;
    const parameters = context.parameters.loginMock ?? {};
    const id = parameters.session ?? sessionIdOf(context.id);
    useSession(id);
    const story = await setUpStory(mock, id, parameters);
    // The page holds the cookie a signed-in login set, as a browser would after a real login
    // (MSW's page cannot make it httpOnly): the story's own requests then carry it.
    if (story.cookie !== undefined)
      // biome-ignore lint/suspicious/noDocumentCookie: the story renders right after, signed in.
      document.cookie = `${story.cookie}; path=/`;
    const { api, signedIn } = story;
    return {
      loginMock: { session: id, api, ...(signedIn === undefined ? {} : { signedIn }) },
    };
  };
}

/**
 * A Storybook decorator: puts the page back in the rendering story's session, for when another
 * story's loader ran in between (several stories on one docs page share one cookie: the last
 * one set wins, so open stories one at a time to keep them apart).
 */
export function loginMockDecorator<T>(story: () => T, context: LoginMockStoryContext): T {
  useSession(context.parameters.loginMock?.session ?? sessionIdOf(context.id));
  return story();
}

/**
 * The session a story gets: its id, where the session rule allows it (letters, digits, `_`,
 * `.`, `-`, at most 64), else the id's allowed characters shortened with a hash of the whole.
 */
export function sessionIdOf(storyId: string): string {
  if (SESSION_ID_PATTERN.test(storyId)) return storyId;
  let hash = 0x811c9dc5;
  for (let index = 0; index < storyId.length; index++)
    hash = Math.imul(hash ^ storyId.charCodeAt(index), 0x01000193) >>> 0;
  const slug = storyId.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 55);
  return `${slug}-${hash.toString(16).padStart(8, "0")}`;
}

function useSession(id: string): void {
  if (!SESSION_ID_PATTERN.test(id))
    throw new Error(
      `[login-mock] parameters.loginMock.session ${JSON.stringify(id)} is not a session id: use 1 to 64 letters, digits, "_", "." or "-".`,
    );
  // biome-ignore lint/suspicious/noDocumentCookie: synchronous on purpose: set before the story renders and requests.
  document.cookie = `${SESSION_COOKIE}=${id}; path=/; SameSite=Lax`;
}
