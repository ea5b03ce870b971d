import { type LoginInput, SCENARIO_HEADER, SESSION_COOKIE, SESSION_HEADER } from "../core/index.ts";

/**
 * Reads what the behaviour core needs from a Fetch API request. `cookies` is MSW's view of the
 * request's cookies: in a browser a page's `fetch` cannot show its Cookie header, so the
 * `mock-session` cookie comes from there. `path`: the spec path (or alias) the handler's route
 * serves, for the journal.
 */
export async function toLoginInput(
  request: Request,
  cookies: Readonly<Record<string, string>> = {},
  path?: string,
): Promise<LoginInput> {
  const sessionCookie = cookies[SESSION_COOKIE];
  return {
    contentType: request.headers.get("content-type"),
    bodyText: await request.text(),
    prefer: request.headers.get("prefer"),
    scenario: request.headers.get(SCENARIO_HEADER),
    session: request.headers.get(SESSION_HEADER),
    cookie:
      request.headers.get("cookie") ??
      (sessionCookie === undefined ? null : `${SESSION_COOKIE}=${sessionCookie}`),
    path,
  };
}
