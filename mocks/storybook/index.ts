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
import { readPointer } from "../../openapi/json-pointer.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import { type StartWorkerOptions, startWorker } from "../browser.ts";
import type { LoginMock, MockSession } from "../core/index.ts";
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../core/sessions/session-id.ts";
import { defaultMock } from "../default-mock.ts";
import { parseDuration } from "../durations.ts";

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
    worker ??= startWorker({ quiet: true, onUnhandledFrame: "bypass", ...options });
    await worker;
    const parameters = context.parameters.loginMock ?? {};
    const id = parameters.session ?? sessionIdOf(context.id);
    useSession(id);
    const session = mock.session(id);
    session.reset();
    const api = parameters.api === undefined ? firstApi(mock) : mock.api(parameters.api);
    if (parameters.scenario !== undefined)
      session.setScenario(
        api.id,
        parameters.scenario,
        parameters.times === undefined ? {} : { times: parameters.times },
      );
    const signedIn =
      parameters.signedIn === undefined
        ? undefined
        : await signIn(
            mock,
            api,
            id,
            parameters.signedIn === true ? undefined : parameters.signedIn,
          );
    if (parameters.clock !== undefined) advance(session, parameters.clock.advance);
    return {
      loginMock: { session: id, api: api.id, ...(signedIn === undefined ? {} : { signedIn }) },
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

function firstApi(mock: LoginMock): LoginApi {
  const api = mock.apis[0];
  if (!api) throw new Error("[login-mock] The mock serves no API.");
  return api;
}

function advance(session: MockSession, by: string | number): void {
  const seconds = typeof by === "number" ? by : parseDuration(by);
  if (seconds === undefined || !Number.isFinite(seconds))
    throw new Error(
      `[login-mock] parameters.loginMock.clock.advance: a number of seconds or a duration such as "25h", "30m", "2d", not ${JSON.stringify(by)}.`,
    );
  session.clock.advance(seconds);
}

const FORM = "application/x-www-form-urlencoded";

/**
 * Logs in through the API's login operation in session `id`, as `account` or the spec's first
 * demo account; other required fields get the value the spec's schema gives them.
 */
async function signIn(
  mock: LoginMock,
  api: LoginApi,
  id: string,
  account: { readonly identity: string; readonly secret: string } | undefined,
): Promise<NonNullable<LoginMockLoaded["signedIn"]>> {
  const login = account ?? api.accounts[0];
  if (!login)
    throw new Error(
      `[login-mock] signedIn: ${api.id} declares no demo account: give signedIn an { identity, secret }.`,
    );
  const { request } = api;
  const fields: Record<string, unknown> = {};
  for (const field of request.fields) {
    if (field.name === request.identity) fields[field.name] = login.identity;
    else if (field.name === request.secret) fields[field.name] = login.secret;
    else if (field.name === request.challenge?.field) fields[field.name] = "storybook";
    else if (field.required) {
      const schema = field.schema as Record<string, unknown>;
      const listed = Array.isArray(schema.enum) ? schema.enum[0] : undefined;
      const examples = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
      fields[field.name] =
        schema.const ?? listed ?? schema.example ?? examples ?? schema.default ?? "";
    }
  }
  const form = !request.reads.json && request.reads.form;
  const bodyText = form
    ? new URLSearchParams(
        Object.entries(fields).map(([name, value]) => [
          name,
          typeof value === "string" ? value : JSON.stringify(value),
        ]),
      ).toString()
    : JSON.stringify(fields);
  const reply = await mock.handle(api.id, {
    contentType: form ? FORM : "application/json",
    bodyText,
    prefer: null,
    scenario: null,
    session: id,
  });
  if (reply.kind !== "response" || reply.status < 200 || reply.status > 299)
    throw new Error(
      `[login-mock] signedIn: logging in to ${api.id} as ${JSON.stringify(login.identity)} answered ${reply.kind === "response" ? reply.status : reply.kind} (a scenario set for the story applies to it too).`,
    );
  let body: unknown = reply.body;
  try {
    body = JSON.parse(reply.body);
  } catch {}
  const placement = api.token.placement;
  const header = (name: string) =>
    reply.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  let token: unknown;
  if (placement.in === "body") token = readPointer(body, placement.pointer);
  else if (placement.in === "header") token = header(placement.header);
  else
    token = reply.headers
      .filter(([key]) => key.toLowerCase() === "set-cookie")
      .map(([, value]) => value.split(";")[0] ?? "")
      .find((pair) => pair.startsWith(`${placement.cookie.name}=`))
      ?.slice(placement.cookie.name.length + 1);
  return { status: reply.status, body, token: typeof token === "string" ? token : undefined };
}
