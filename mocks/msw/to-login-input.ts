import { type LoginInput, SCENARIO_HEADER, SESSION_HEADER } from "../core/index.ts";

/**
 * Reads what the behaviour core needs from a Fetch API request. `cookies` is MSW's view of the
 * request's cookies: in a browser a page's `fetch` cannot show its Cookie header, so the
 * `mock-session` cookie (and a token cookie) come from there. `path`: the spec path (or alias) the handler's route
 * serves, for the journal.
 */
export async function toLoginInput(
  request: Request,
  cookies: Readonly<Record<string, string>> = {},
  path?: string,
): Promise<LoginInput> {
  // msw's cookies hold the page's own (document.cookie and its cookie store): the session
  // cookie, and a token cookie a logout revokes.
  const known = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  return {
    contentType: request.headers.get("content-type"),
    bodyText: await request.text(),
    prefer: request.headers.get("prefer"),
    scenario: request.headers.get(SCENARIO_HEADER),
    session: request.headers.get(SESSION_HEADER),
    cookie: request.headers.get("cookie") ?? (known === "" ? null : known),
    authorization: request.headers.get("authorization"),
    path,
  };
}
