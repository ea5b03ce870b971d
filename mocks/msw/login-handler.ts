/**
 * One msw handler for every login URL of a `createHandlers` call. msw evaluates handlers in
 * order and, on msw 2, each one it passes reads the request's cookies again (the cookie store
 * included) and compiles its path again, so six per-URL handlers made a login on the fifth URL
 * cost five times what one handler does (decision 8). This one handler keeps what the per-URL
 * handlers gave msw's users: each URL is matched by msw's own `matchRequestUrl`, with the base
 * URL `getResponse` resolves relative paths against; `info.header` names every URL (what
 * `server.listHandlers()` shows), and `info.path` is the first of them.
 */
import { HttpHandler, type HttpRequestParsedResult, type Match, matchRequestUrl } from "msw";
import type { Variant } from "../../openapi/documents.ts";

/** A URL the handler answers, the variant that answers it, and the spec path it serves. */
export interface LoginRoute {
  readonly url: string;
  readonly variant: Variant;
  /** The spec's login path or alias this URL serves (default: the operation's path). */
  readonly path?: string;
  /** A refresh or logout operation the spec names, served here instead of the login. */
  readonly operation?: "refresh" | "logout";
}

/** What the resolver makes of a login: the route it matched, the request, msw's cookies. */
export type LoginAnswer = (
  route: LoginRoute,
  request: Request,
  cookies: Record<string, string>,
) => Promise<Response>;

interface LoginParsedResult extends HttpRequestParsedResult {
  readonly route: LoginRoute;
}

/** Request URLs remembered per handler; past this, the memory starts again. */
const REMEMBERED_URLS = 64;

export class LoginHandler extends HttpHandler {
  /** Every URL this handler answers, in the order they are matched. */
  readonly routes: readonly [LoginRoute, ...LoginRoute[]];
  // What a request URL (and base URL) matched past the first route: msw's matcher is pure, and
  // msw 2 compiles the path on every call, so each URL is asked once, not on every login.
  readonly #laterMatches = new Map<
    string,
    { readonly route: LoginRoute; readonly match: Match } | null
  >();

  /** `method`: the login operation's, upper case; every route shares it. */
  constructor(method: string, routes: readonly [LoginRoute, ...LoginRoute[]], answer: LoginAnswer) {
    super(method, routes[0].url, (info) => {
      // extendResolverArgs below adds the route parse found.
      const { route } = info as typeof info & { route: LoginRoute };
      return answer(route, info.request, info.cookies);
    });
    this.routes = routes;
    this.info.header = `${method} ${routes.map((route) => route.url).join(", ")}`;
  }

  override async parse(args: Parameters<HttpHandler["parse"]>[0]): Promise<LoginParsedResult> {
    // msw's own parse: its cookies (the cookie store and document included) and the first URL.
    const parsed = await super.parse(args);
    if (parsed.match.matches) return { ...parsed, route: this.routes[0] };
    const later = this.#laterMatch(args.request.url, args.resolutionContext?.baseUrl);
    if (!later) return { ...parsed, route: this.routes[0] };
    // A copy of the params: a resolver may change its own.
    const match = { matches: true, params: { ...later.match.params } };
    return { ...parsed, match, route: later.route };
  }

  protected override extendResolverArgs(args: {
    request: Request;
    parsedResult: HttpRequestParsedResult;
  }) {
    const { route } = args.parsedResult as LoginParsedResult;
    return { ...super.extendResolverArgs(args), route };
  }

  #laterMatch(requestUrl: string, baseUrl: string | undefined) {
    const key = baseUrl === undefined ? requestUrl : `${requestUrl} ${baseUrl}`;
    let found = this.#laterMatches.get(key);
    if (found !== undefined) return found;
    found = null;
    const url = new URL(requestUrl);
    for (const route of this.routes.slice(1)) {
      const match = matchRequestUrl(url, route.url, baseUrl);
      if (match.matches) {
        found = { route, match };
        break;
      }
    }
    if (this.#laterMatches.size >= REMEMBERED_URLS) this.#laterMatches.clear();
    this.#laterMatches.set(key, found);
    return found;
  }
}
