/**
 * What the Storybook loader does to a story's mock session, with no DOM and no worker: open it
 * (anonymous, so a Storybook of more stories than the mock keeps sessions drops the least
 * recently used story's, set up again when that story renders next), reset it, and apply the
 * story's `parameters.loginMock`: scenario, a signed-in login, the clock. For any API the mock
 * serves; nothing here names one.
 */

import { demoLogin } from "../../openapi/demo-login.ts";
import { readPointer } from "../../openapi/json-pointer.ts";
import type { LoginApi } from "../../openapi/login-api.ts";
import type { LoginMock, MockSession } from "../core/index.ts";
import { parseDuration } from "../durations.ts";
import type { LoginMockLoaded, LoginMockParameters } from "./index.ts";

export interface StorySetUp {
  /** The API's id the story's scenario and login acted on. */
  readonly api: string;
  readonly signedIn?: {
    readonly status: number;
    readonly body: unknown;
    readonly token: string | undefined;
  };
  /** A cookie API's `name=value` the signed-in login set, for the page to hold. */
  readonly cookie?: string;
}

export async function setUpStory(
  mock: LoginMock,
  id: string,
  parameters: LoginMockParameters,
): Promise<StorySetUp> {
  const found = mock.openSession(id);
  if (!found.ok)
    throw new Error(`[login-mock] The story's session ${JSON.stringify(id)} cannot be opened.`);
  const session = found.session;
  session.reset();
  const api = parameters.api === undefined ? firstApi(mock) : mock.api(parameters.api);
  if (parameters.scenario !== undefined)
    session.setScenario(
      api.id,
      parameters.scenario,
      parameters.times === undefined ? {} : { times: parameters.times },
    );
  const login =
    parameters.signedIn === undefined
      ? undefined
      : await signIn(mock, api, id, parameters.signedIn === true ? undefined : parameters.signedIn);
  if (parameters.clock !== undefined) advance(session, parameters.clock.advance);
  if (login === undefined) return { api: api.id };
  const { cookie, ...signedIn } = login;
  return { api: api.id, signedIn, ...(cookie === undefined ? {} : { cookie }) };
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

/**
 * Logs in through the API's login operation in session `id`, as `account` or the spec's first
 * demo account; other required fields get the value the spec's schema gives them.
 */
async function signIn(
  mock: LoginMock,
  api: LoginApi,
  id: string,
  account: { readonly identity: string; readonly secret: string } | undefined,
): Promise<NonNullable<LoginMockLoaded["signedIn"]> & { readonly cookie?: string }> {
  // The login the CLI banner shows, built from the spec alone (openapi/demo-login.ts).
  const demo = demoLogin(api, { mode: "accept" }, account);
  if (demo.kind === "none")
    throw new Error(
      `[login-mock] signedIn: ${api.id} has ${demo.reason}: give signedIn an { identity, secret }, or the field a value in the spec.`,
    );
  const reply = await mock.handle(api.id, {
    contentType: demo.mediaType,
    bodyText: demo.body,
    prefer: null,
    scenario: null,
    session: id,
  });
  if (reply.kind !== "response" || reply.status < 200 || reply.status > 299)
    throw new Error(
      `[login-mock] signedIn: logging in to ${api.id} as ${JSON.stringify((account ?? api.accounts[0])?.identity)} answered ${reply.kind === "response" ? reply.status : reply.kind} (a scenario set for the story applies to it too).`,
    );
  let body: unknown = reply.body;
  try {
    body = JSON.parse(reply.body);
  } catch {}
  const placement = api.token.placement;
  const header = (name: string) =>
    reply.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  let token: unknown;
  let cookie: string | undefined;
  if (placement.in === "body") token = readPointer(body, placement.pointer);
  else if (placement.in === "header") token = header(placement.header);
  else {
    token = reply.headers
      .filter(([key]) => key.toLowerCase() === "set-cookie")
      .map(([, value]) => value.split(";")[0] ?? "")
      .find((pair) => pair.startsWith(`${placement.cookie.name}=`))
      ?.slice(placement.cookie.name.length + 1);
    if (typeof token === "string") cookie = `${placement.cookie.name}=${token}`;
  }
  return {
    status: reply.status,
    body,
    token: typeof token === "string" ? token : undefined,
    ...(cookie === undefined ? {} : { cookie }),
  };
}
