/**
 * The sample app's entry. In development, `?mode=msw` (the default) starts the MSW service
 * worker first, as docs/frontend.md's "In the browser" steps say; `?mode=server` talks to
 * `npm start`'s server on other ports, with credentials, as it would to the vendor;
 * `?mode=proxy` sends Seamless' login and the control API to this page's own origin, where the
 * dev server proxies them to `login-mock serve` (vite.config.ts), so the browser keeps the real
 * httpOnly cookie, which no service worker can set. A production build has no mocks and no
 * scenario picker: it always talks to a server. `?talkstack=URL&seamless=URL` move the servers;
 * `?timeout=MS` sets the client timeout (default 5000); `?session=ID` sends every request in
 * that mock session (X-Mock-Session), so parallel tests each get their own mock.
 */
import { type LoginView, logIn, type Variant } from "./login.ts";
import { checkSession, type SessionView } from "./session-check.ts";
import {
  logOut,
  refreshTalkStack,
  type TalkStackTokens,
  talkstackTokens,
} from "./session-tokens.ts";
import { startMocks } from "./start-mocks.ts";

const params = new URLSearchParams(location.search);
const requested = params.get("mode");
const mode =
  requested === "proxy" || requested === "server"
    ? requested
    : import.meta.env.DEV
      ? "msw"
      : "server";
const baseUrls: Record<Variant, string> = {
  talkstack: params.get("talkstack") ?? "http://127.0.0.1:4010",
  // In proxy mode Seamless is this page's own origin: same-origin, its cookie is first-party.
  seamless:
    mode === "proxy" ? location.origin : (params.get("seamless") ?? "http://127.0.0.1:4011"),
};
const timeoutMs = Number(params.get("timeout") ?? 5000);
// A mock session keeps this tab's scenarios, clock and journal apart from everyone else's.
const mockSession = params.get("session");
const sessionHeaders: Record<string, string> =
  mockSession && /^[A-Za-z0-9_.-]{1,64}$/.test(mockSession)
    ? { "x-mock-session": mockSession }
    : {};
/**
 * The TalkStack tokens of the last successful login or refresh: the app sends the token to check
 * its session and to log out, and spends the refresh token when the token has expired.
 */
let talkstack: TalkStackTokens | undefined;
/** Silent refreshes since that login, shown as `data-refreshes` on the session view. */
let refreshes = 0;
const call = (variant: Variant) => ({
  baseUrl: baseUrls[variant],
  headers: sessionHeaders,
  timeoutMs,
});

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;

/** Lists the catalogue's scenarios in development; removes the picker from a production page. */
async function fillScenarioPicker(): Promise<void> {
  const picker = $<HTMLSelectElement>("#scenario");
  // Inside the `if`, so a production build drops login-mock's catalogue with it.
  if (import.meta.env.DEV) {
    const { SCENARIOS } = await import("login-mock");
    for (const name of [...new Set(SCENARIOS.map((scenario) => scenario.name))])
      picker.add(new Option(name, name));
  } else picker.closest("label")?.remove();
}

function render(view: LoginView): void {
  const result = $<HTMLElement>("#result");
  result.dataset.state = view.state;
  result.replaceChildren();
  const headline = document.createElement("h2");
  headline.dataset.testid = "headline";
  headline.textContent = view.headline;
  const message = document.createElement("p");
  message.dataset.testid = "message";
  message.textContent = view.message;
  const body = document.createElement("pre");
  body.textContent = typeof view.body === "string" ? view.body : JSON.stringify(view.body, null, 2);
  result.append(headline, message, body);
}

for (const form of document.querySelectorAll<HTMLFormElement>("form.login")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const variant = form.dataset.variant as Variant;
    const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const scenario = document.querySelector<HTMLSelectElement>("#scenario")?.value;
    $<HTMLElement>("#result").dataset.state = "pending";
    const view = await logIn(variant, {
      baseUrl: baseUrls[variant],
      fields,
      headers: { ...sessionHeaders, ...(scenario ? { "x-mock-scenario": scenario } : {}) },
      timeoutMs,
    });
    if (variant === "talkstack" && view.state === "success") {
      talkstack = talkstackTokens(view.body);
      refreshes = 0;
    }
    render(view);
  });
}

/** Replaces the signed-in view: after a logout, or when the session it shows has ended. */
function renderSignedOut(message: string): void {
  const result = $<HTMLElement>("#result");
  result.dataset.state = "signed-out";
  const headline = document.createElement("h2");
  headline.dataset.testid = "headline";
  headline.textContent = "Signed out";
  const text = document.createElement("p");
  text.dataset.testid = "message";
  text.textContent = message;
  result.replaceChildren(headline, text);
}

function renderSession(view: SessionView): void {
  const section = $<HTMLElement>("#session");
  section.dataset.state = view.state;
  section.dataset.refreshes = String(refreshes);
  const headline = document.createElement("h2");
  headline.dataset.testid = "session-headline";
  headline.textContent = view.headline;
  const details = document.createElement("ul");
  for (const line of view.details)
    details.append(Object.assign(document.createElement("li"), { textContent: line }));
  section.querySelector("[data-session-view]")?.replaceChildren(headline, details);
  // A signed-in view must not outlive the session it shows.
  if (view.state === "expired" || view.state === "invalid" || view.state === "ended")
    renderSignedOut(view.headline);
}

/**
 * One refresh in flight at a time: a rotating refresh token is spent by its first use, so a
 * second click (or a second tab of the same code) sending it again would be reuse, which ends
 * the whole login. Later callers wait for the refresh already under way.
 */
let renewing: ReturnType<typeof refreshTalkStack> | undefined;
function renewOnce(refreshToken: string): ReturnType<typeof refreshTalkStack> {
  renewing ??= refreshTalkStack(call("talkstack"), refreshToken).finally(() => {
    renewing = undefined;
  });
  return renewing;
}

/**
 * Asks the server whether the session holds, and when the TalkStack token has expired, renews
 * it with the refresh token and asks again: the user stays signed in without noticing. (An app
 * could also refresh ahead of `expirationTime`; this one asks the server, whose clock a test may
 * have moved.) A refused refresh ends the session.
 */
async function checkAndRenew(): Promise<SessionView> {
  const check = () =>
    checkSession({
      // The Seamless cookie belongs to its server's host; whoami there reads it.
      baseUrl: baseUrls.seamless,
      bearer: talkstack?.token,
      headers: sessionHeaders,
      timeoutMs,
    });
  const view = await check();
  if (view.bearer === "revoked") talkstack = undefined;
  if (view.bearer !== "expired" || !talkstack) return view;
  const refreshed = await renewOnce(talkstack.refreshToken);
  if (!refreshed.ok && refreshed.status === null)
    return {
      state: "error",
      headline: "Could not renew your session",
      details: [refreshed.message],
    };
  if (!refreshed.ok) {
    talkstack = undefined;
    return {
      state: "ended",
      headline: "Your session ended — sign in again",
      details: [`TalkStack refused the refresh (${refreshed.status}): ${refreshed.message}`],
    };
  }
  talkstack = refreshed.tokens;
  refreshes += 1;
  const renewed = await check();
  return { ...renewed, details: [...renewed.details, "TalkStack token refreshed"] };
}

// Only the standalone server has whoami: the MSW worker mocks the login route alone.
if (mode !== "msw") {
  $<HTMLButtonElement>("#check-session").addEventListener("click", async () => {
    $<HTMLElement>("#session").dataset.state = "pending";
    renderSession(await checkAndRenew());
  });
} else $<HTMLElement>("#session").hidden = true;

// Logging out ends the login at each API, then forgets the tokens whatever the answers were.
$<HTMLButtonElement>("#log-out").addEventListener("click", async () => {
  $<HTMLElement>("#result").dataset.state = "pending";
  const lines = await Promise.all([
    ...(talkstack ? [logOut("talkstack", call("talkstack"), talkstack)] : []),
    // The httpOnly cookie is out of the page's reach: only the server can clear it.
    logOut("seamless", call("seamless"), undefined),
  ]);
  talkstack = undefined;
  refreshes = 0;
  renderSignedOut(lines.join(". "));
  renderSession({ state: "signed-out", headline: "You logged out", details: lines });
});

await Promise.all([mode === "msw" ? startMocks() : undefined, fillScenarioPicker()]);
$<HTMLElement>("#mode").textContent = {
  msw: "MSW service worker (in this tab; it cannot set cookies)",
  server: `standalone server (${baseUrls.talkstack}, ${baseUrls.seamless})`,
  proxy: `standalone server behind this dev server's proxy (Seamless on ${location.origin}, TalkStack on ${baseUrls.talkstack})`,
}[mode];
if (sessionHeaders["x-mock-session"])
  $<HTMLElement>("#mode").textContent += `, mock session ${sessionHeaders["x-mock-session"]}`;
document.body.dataset.ready = "true";
