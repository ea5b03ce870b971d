/**
 * `login-mock/playwright`: a Playwright Test fixture that gives every test its own session on a
 * running `login-mock serve`, for any login API it serves (a preset or your own spec). The
 * browser context names the session (the `mock-session` cookie and/or the `X-Mock-Session`
 * header), so the app's own requests land in it unchanged; `loginMock` acts on it through the
 * control API. After a failed test the session's request journal (field verdicts, never a
 * value) is attached to the report and printed. Nothing here names an API: what the login looks
 * like comes from the server (`GET /__mock/api`). It talks HTTP only, so Playwright's runner
 * loads neither msw nor the mock.
 */
import { type BrowserContext, test as base, type Page, type TestInfo } from "@playwright/test";
import { encodeLoginBody } from "../login-body.ts";
import {
  durationSeconds,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  sessionIdOf,
  type TestIdentity,
  workerSessionIdOf,
} from "./session.ts";

export { expect } from "@playwright/test";
export {
  durationSeconds,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_ID_PATTERN,
  sessionIdOf,
  type TestIdentity,
  workerSessionIdOf,
};

/** How the browser context tells the mock which session its requests belong to. */
export type SessionVia = "cookie" | "header" | "both";

export interface LoginMockOptions {
  /**
   * One port of `login-mock serve`, e.g. `http://127.0.0.1:4010`. Default: the
   * `LOGIN_MOCK_URL` environment variable.
   */
  loginMockUrl: string | undefined;
  /** Which of the server's APIs (its id); default: the one `loginMockUrl`'s port serves. */
  loginMockApi: string | undefined;
  /**
   * `cookie` (default): a `mock-session` cookie for the mock's host and `baseURL`'s host (cookies
   * ignore ports; sent same-site, and cross-origin with `credentials: "include"`). `header`: an
   * `X-Mock-Session` header on every request of the context (any fetch, but on every host, and
   * a CORS preflight for cross-origin ones). `both`: both.
   */
  loginMockSessionVia: SessionVia;
  /**
   * `per-worker` (default): each worker reuses one session, reset before every test, so a run
   * holds as many sessions as it has workers (the server keeps at most 64 the control API
   * changed). `per-test`: a session of its own for every test and retry (`sessionIdOf`), easier
   * to find in the panel afterwards; for runs of at most ~60 tests per 30 minutes.
   */
  loginMockSessions: "per-worker" | "per-test";
  /**
   * `server` (default): the mock is a running `login-mock serve` at `loginMockUrl`. `page`: the
   * mock runs in the page, under the MSW worker `startWorker` (login-mock/browser) started; the
   * fixture then acts on it through the page (open the app first), and `signIn` and `describe`,
   * which need the server, are not available. The in-page mock lives as long as the page: a
   * navigation starts a new one.
   */
  loginMockIn: "server" | "page";
}

/** How the spec logs in, as the server describes it (`GET /__mock/api`). */
export interface LoginApiDescription {
  readonly variant: string;
  readonly title: string;
  readonly login: {
    readonly method: string;
    readonly path: string;
    readonly mediaTypes: readonly string[];
    readonly identity: string;
    readonly secret: string;
    readonly challenge: string | null;
  };
  readonly token:
    | { readonly in: "body"; readonly pointer: string; readonly lifetimeSeconds: number }
    | { readonly in: "cookie"; readonly cookie: string; readonly lifetimeSeconds: number }
    | { readonly in: "header"; readonly header: string; readonly lifetimeSeconds: number };
  readonly demo:
    | { readonly identity: string; readonly mediaType: string; readonly body: string }
    | { readonly reason: string };
}

/** One journal entry: which fields were present and well-formed, never a value. */
export interface JournalEntry {
  readonly time: string;
  readonly variant: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly scenario: string | null;
  readonly fields: Readonly<Record<string, { present: boolean; wellFormed: boolean }>>;
}

/** What `GET /__mock/whoami` says of the credentials sent: states and claims, never a token. */
export interface WhoAmI {
  readonly session: string;
  readonly now: string;
  readonly credentials: readonly {
    readonly variant: string | null;
    readonly source: "cookie" | "bearer";
    readonly state: "valid" | "expired" | "not-yet-valid" | "revoked" | "not-issued-by-this-mock";
    readonly subject?: string;
    readonly claims?: Readonly<Record<string, unknown>>;
    readonly expiresAt?: string;
    readonly expiresInSeconds?: number;
  }[];
  readonly hint?: string;
}

export interface SignedIn {
  readonly status: number;
  /**
   * The token of an API that answers it in the body or a header (give it to your app, e.g.
   * through `page.addInitScript` into the storage it reads); undefined for a cookie API, whose
   * cookie is already in the context.
   */
  readonly token: string | undefined;
  /** The context's storage state after the login: save it for `test.use({ storageState })`. */
  readonly storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
}

export interface ClockState {
  readonly session: string;
  readonly now: string;
  readonly real: boolean;
  readonly offsetSeconds?: number;
}

/** The test's mock session, through the control API. */
export class LoginMockSession {
  /** The session's id (also on the context's cookie or header). */
  readonly id: string;
  /** The mock server's URL the fixture was given. */
  readonly url: string;
  /** The API asked for, or undefined for the port's own. */
  readonly api: string | undefined;
  readonly #context: BrowserContext;
  readonly #baseURL: string | undefined;
  /** In `page` mode, the page whose in-page mock this session lives in. */
  readonly #page: Page | undefined;
  #described: Promise<LoginApiDescription> | undefined;
  #lastToken: string | undefined;

  constructor(
    id: string,
    url: string,
    api: string | undefined,
    context: BrowserContext,
    baseURL?: string,
    page?: Page,
  ) {
    this.id = id;
    this.url = url;
    this.api = api;
    this.#context = context;
    this.#baseURL = baseURL;
    this.#page = page;
  }

  /**
   * Every login of the API in this session gets `scenario` (a response example's name or a
   * fault, as `npx login-mock scenarios` lists them); with `times`, only the next n logins.
   */
  async force(scenario: string, options: { times?: number } = {}): Promise<void> {
    await this.#control("PUT", "/scenario", {
      scenario,
      ...(this.api === undefined ? {} : { variant: this.api }),
      ...(options.times === undefined ? {} : { times: options.times }),
    });
  }

  /** Back to data-driven answers: drops the forced scenario (sticky and counted). */
  async clear(): Promise<void> {
    await this.#control("DELETE", `/scenario${this.#variantQuery("?")}`);
  }

  /** Resets the session: store, scenarios, clock, journal, added accounts. */
  async reset(): Promise<void> {
    await this.#control("POST", "/reset");
  }

  /** The session's mock clock; other sessions keep their own. */
  readonly clock = {
    /** Moves it by `"25h"`, `"90m"`, `"30s"`, `"1h30m"`, or a number of seconds (negative: back). */
    advance: (by: string | number): Promise<ClockState> =>
      this.#control<ClockState>("PUT", "/clock", { advanceSeconds: durationSeconds(by) }),
    /** Sets it to an instant; time runs on from there. */
    set: (now: Date | string): Promise<ClockState> =>
      this.#control<ClockState>("PUT", "/clock", {
        now: typeof now === "string" ? now : now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      }),
    /** Back to real time. */
    real: (): Promise<ClockState> => this.#control<ClockState>("DELETE", "/clock"),
    get: (): Promise<ClockState> => this.#control<ClockState>("GET", "/clock"),
  };

  /** This session's journal (logins, refreshes, logouts), newest first; never a value. */
  async requests(options: { limit?: number } = {}): Promise<JournalEntry[]> {
    const query = options.limit === undefined ? "" : `?limit=${options.limit}`;
    const answer = await this.#control<{ entries: JournalEntry[] }>("GET", `/requests${query}`);
    return answer.entries;
  }

  /**
   * What the mock says of a credential: `token` as a bearer token, else the token `signIn`
   * returned, and always the context's cookies for the mock's URL (a cookie API's token).
   */
  async whoami(options: { token?: string } = {}): Promise<WhoAmI> {
    const cookies = await this.#context.cookies(this.url);
    const token = options.token ?? this.#lastToken;
    return this.#control<WhoAmI>("GET", "/whoami", undefined, {
      ...(cookies.length === 0
        ? {}
        : { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    });
  }

  /** How the API logs in (its login path, field names, token placement, demo login). */
  describe(): Promise<LoginApiDescription> {
    this.#described ??= this.#control<LoginApiDescription>("GET", `/api${this.#variantQuery("?")}`);
    return this.#described;
  }

  /**
   * Logs in through the API's login operation, without the form: the spec's first demo account,
   * or `account`'s identity and secret (and any other `fields`). A cookie API's cookie lands in
   * the context (and on `baseURL`'s host); a body or header token is returned. Throws on a
   * non-2xx answer (a forced scenario still applies).
   */
  async signIn(
    account: { identity?: string; secret?: string; fields?: Record<string, unknown> } = {},
  ): Promise<SignedIn> {
    const api = await this.describe();
    if (!("body" in api.demo))
      throw new Error(
        `[login-mock] signIn cannot build a login for ${api.variant}: ${api.demo.reason}.`,
      );
    const form = api.demo.mediaType === "application/x-www-form-urlencoded";
    const fields: Record<string, unknown> = form
      ? Object.fromEntries(new URLSearchParams(api.demo.body))
      : (JSON.parse(api.demo.body) as Record<string, unknown>);
    if (account.identity !== undefined) fields[api.login.identity] = account.identity;
    if (account.secret !== undefined) fields[api.login.secret] = account.secret;
    Object.assign(fields, account.fields);
    const body = encodeLoginBody(fields, form);
    const loginUrl = new URL(api.login.path, this.url).href;
    const response = await this.#context.request.fetch(loginUrl, {
      method: api.login.method,
      headers: { "content-type": api.demo.mediaType, [SESSION_HEADER]: this.id },
      data: body,
      failOnStatusCode: false,
    });
    if (!response.ok())
      throw new Error(
        `[login-mock] signIn: ${api.login.method} ${loginUrl} as ${JSON.stringify(fields[api.login.identity])} answered ${response.status()} (${response.headers()["x-mock-scenario"] ?? "no scenario header"}): ${(await response.text()).slice(0, 300)}`,
      );
    let token: string | undefined;
    if (api.token.in === "body") token = readPointer(await response.json(), api.token.pointer);
    else if (api.token.in === "header")
      token = response.headers()[api.token.header.toLowerCase()] ?? undefined;
    else await this.#copyCookieToApp(api.token.cookie);
    this.#lastToken = token;
    return { status: response.status(), token, storageState: await this.#context.storageState() };
  }

  /** The app on another host name (its dev server proxying the login) needs the cookie too. */
  async #copyCookieToApp(name: string): Promise<void> {
    if (this.#baseURL === undefined) return;
    const appHost = new URL(this.#baseURL).hostname;
    if (appHost === new URL(this.url).hostname) return;
    const cookie = (await this.#context.cookies(this.url)).find((c) => c.name === name);
    if (!cookie) return;
    const { domain: _domain, path: _path, ...rest } = cookie;
    await this.#context.addCookies([{ ...rest, url: new URL("/", this.#baseURL).href }]);
  }

  #variantQuery(lead: "?" | "&"): string {
    return this.api === undefined ? "" : `${lead}variant=${encodeURIComponent(this.api)}`;
  }

  async #control<T = unknown>(
    method: "GET" | "PUT" | "POST" | "DELETE",
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    if (this.#page) return pageControl<T>(this.#page, this.id, method, path, body, headers);
    const response = await fetch(new URL(`/__mock${path}`, this.url), {
      method,
      headers: {
        ...headers,
        [SESSION_HEADER]: this.id,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {}
      throw new Error(`[login-mock] ${method} /__mock${path} → ${response.status}: ${detail}`);
    }
    return JSON.parse(text) as T;
  }
}

/**
 * The control API's routes this class calls, answered by the page's own mock (`startWorker`'s,
 * under PAGE_MOCK) instead of a server: the same shapes, so every method reads them alike.
 */
async function pageControl<T>(
  page: Page,
  id: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<T> {
  const route = `${method} ${path.split("?")[0]}`;
  if (route === "GET /api")
    throw new Error(
      '[login-mock] describe() and signIn() need a login-mock server; with loginMockIn: "page", log in through your app.',
    );
  try {
    await page.waitForFunction(
      (key) => (globalThis as Record<symbol, unknown>)[Symbol.for(key)] !== undefined,
      PAGE_MOCK_KEY,
      { timeout: 10_000 },
    );
  } catch {
    throw new Error(
      `[login-mock] No mock in the page (${page.url()}): with loginMockIn: "page", open your app first; it must start the worker with startWorker() from login-mock/browser.`,
    );
  }
  return page.evaluate(
    async ({ key, id, route, query, body, authorization }) => {
      type Session = {
        setScenario(api: string, name: string | null, options?: { times?: number }): void;
        reset(): void;
        clock: {
          advance(seconds: number): void;
          set(ms: number): void;
          toReal(): void;
          state(): unknown;
        };
        journal: { entries(limit?: number): unknown[] };
      };
      type Mock = {
        apis: { id: string }[];
        session(id: string): Session;
        whoami(
          session: Session,
          sent: { cookie: string | null; authorization: string | null },
        ): Promise<unknown>;
      };
      const mock = (globalThis as Record<symbol, unknown>)[Symbol.for(key)] as Mock;
      const session = mock.session(id);
      const params = new URLSearchParams(query);
      const given = body as Record<string, unknown> | undefined;
      const api = String(given?.variant ?? params.get("variant") ?? mock.apis[0]?.id);
      switch (route) {
        case "PUT /scenario":
          session.setScenario(
            api,
            String(given?.scenario),
            given?.times === undefined ? {} : { times: Number(given.times) },
          );
          return { session: id };
        case "DELETE /scenario":
          session.setScenario(api, null);
          return { session: id };
        case "POST /reset":
          session.reset();
          return { session: id };
        case "PUT /clock":
          if (given?.now !== undefined) session.clock.set(Date.parse(String(given.now)));
          else session.clock.advance(Number(given?.advanceSeconds));
          return { session: id, ...(session.clock.state() as object) };
        case "DELETE /clock":
          session.clock.toReal();
          return { session: id, ...(session.clock.state() as object) };
        case "GET /clock":
          return { session: id, ...(session.clock.state() as object) };
        case "GET /requests": {
          const limit = params.get("limit");
          return { entries: session.journal.entries(limit === null ? undefined : Number(limit)) };
        }
        case "GET /whoami":
          return mock.whoami(session, { cookie: document.cookie || null, authorization });
        default:
          throw new Error(`[login-mock] ${route} has no page-mode answer.`);
      }
    },
    {
      key: PAGE_MOCK_KEY,
      id,
      route,
      query: path.split("?")[1] ?? "",
      body,
      authorization: headers.authorization ?? null,
    },
  ) as Promise<T>;
}

/** The registered symbol's key `startWorker` keeps the page's mock under (login-mock/browser). */
const PAGE_MOCK_KEY = "login-mock.page-mock";

/** The value at a JSON pointer (`/session/access_token`), if it is a string. */
function readPointer(value: unknown, pointer: string): string | undefined {
  let at = value;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === "string" ? at : undefined;
}

/** The journal as lines a person reads in a failed test's output. */
export function formatJournal(session: string, entries: readonly JournalEntry[]): string {
  const head = `[login-mock] session ${session}: ${entries.length === 0 ? "no login, refresh or logout reached the mock" : `${entries.length} request(s), newest first`}`;
  const lines = entries.map((entry) => {
    const fields = Object.entries(entry.fields)
      .map(([name, report]) =>
        report.present ? `${name}${report.wellFormed ? "" : " (malformed)"}` : `no ${name}`,
      )
      .join(", ");
    return `  ${entry.time} ${entry.variant} ${entry.operation} ${entry.method} ${entry.path} → ${entry.status ?? "no response"} ${entry.scenario ?? "(refused)"} · fields: ${fields || "none"}`;
  });
  return [head, ...lines].join("\n");
}

function mockUrlOf(option: string | undefined): string {
  const url = option ?? process.env.LOGIN_MOCK_URL;
  if (!url)
    throw new Error(
      "[login-mock] The loginMock fixture needs the mock server's URL: test.use({ loginMockUrl: 'http://127.0.0.1:4010' }) or LOGIN_MOCK_URL (one port of `login-mock serve`).",
    );
  return new URL(url).origin;
}

async function applySession(
  context: BrowserContext,
  id: string,
  via: SessionVia,
  urls: readonly string[],
  extraHTTPHeaders: Record<string, string> | undefined,
): Promise<void> {
  if (via !== "header") {
    const hosts = new Map(urls.map((url) => [new URL(url).host, new URL("/", url).href]));
    await context.addCookies(
      [...hosts.values()].map((url) => ({ name: SESSION_COOKIE, value: id, url })),
    );
  }
  if (via !== "cookie")
    await context.setExtraHTTPHeaders({ ...extraHTTPHeaders, [SESSION_HEADER]: id });
}

async function reportFailure(session: LoginMockSession, testInfo: TestInfo): Promise<void> {
  let text: string;
  let entries: JournalEntry[] = [];
  try {
    entries = await session.requests();
    text = formatJournal(session.id, entries);
  } catch (error) {
    text = `[login-mock] session ${session.id}: no journal (${(error as Error).message})`;
  }
  await testInfo.attach("login-mock journal", {
    body: JSON.stringify({ session: session.id, url: session.url, entries }, null, 2),
    contentType: "application/json",
  });
  console.log(text);
}

/** Playwright's `test` with `loginMock`: every test in its own mock session, automatically. */
export const test = base.extend<LoginMockOptions & { loginMock: LoginMockSession }>({
  loginMockUrl: [undefined, { option: true }],
  loginMockApi: [undefined, { option: true }],
  loginMockSessionVia: ["cookie", { option: true }],
  loginMockSessions: ["per-worker", { option: true }],
  loginMockIn: ["server", { option: true }],
  loginMock: [
    async (
      {
        context,
        baseURL,
        extraHTTPHeaders,
        loginMockUrl,
        loginMockApi,
        loginMockSessionVia,
        loginMockSessions,
        loginMockIn,
        page,
      },
      use,
      testInfo,
    ) => {
      const inPage = loginMockIn === "page";
      // In the page, the mock answers the page's own origin.
      const url = inPage ? new URL(baseURL ?? "http://localhost").origin : mockUrlOf(loginMockUrl);
      const session = new LoginMockSession(
        loginMockSessions === "per-test"
          ? sessionIdOf(testInfo)
          : workerSessionIdOf(testInfo.parallelIndex),
        url,
        loginMockApi,
        context,
        baseURL,
        inPage ? page : undefined,
      );
      // Every test starts clean: the worker's previous test used this session (per-worker), or a
      // reused server (`reuseExistingServer`) remembers the id from an earlier run (per-test).
      // A page's mock starts clean with the page.
      if (!inPage) await session.reset();
      const urls = baseURL === undefined ? [url] : [url, baseURL];
      await applySession(context, session.id, loginMockSessionVia, urls, extraHTTPHeaders);
      await use(session);
      if (testInfo.status !== testInfo.expectedStatus) await reportFailure(session, testInfo);
    },
    { auto: true },
  ],
});
