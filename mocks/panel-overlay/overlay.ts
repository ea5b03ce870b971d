/**
 * The control panel in MSW mode: an overlay inside the page, for development only. It acts on
 * the in-page mock the worker's handlers use (a `LoginMock`), directly: no request leaves the
 * page. Loaded only by the dynamic `import()` in ../browser.ts when `startWorker({ panel: true })`
 * asks for it, so an app that keeps its mocks inside `if (import.meta.env.DEV)` ships none of it.
 *
 * Everything lives in a shadow root (the app's CSS stays out, the panel's stays in), styled by
 * the server panel's own stylesheet. Every control is a native button, input or select with a
 * label; Escape closes the panel and gives focus back to the toggle.
 */
import type { LoginApi } from "../../openapi/login-api.ts";
import type { Scenario } from "../core/catalogue/scenario-catalogue.ts";
import type { LoginMock } from "../core/login-mock.ts";
import type { MockSession } from "../core/sessions/session.ts";
import type { CredentialReport } from "../core/sessions/whoami.ts";
import { PANEL_STYLE } from "../panel-style.ts";
import { formatDuration, formatTime, parseDuration } from "./durations.ts";

/** The host element's tag: one per page. */
export const PANEL_TAG = "login-mock-panel";

export interface PanelHandle {
  /** The host element; its open shadow root holds the panel. */
  readonly host: HTMLElement;
  open(): void;
  close(): void;
  /** Takes the overlay off the page. */
  remove(): void;
}

const JOURNAL_LIMIT = 25;
const POLL_MS = 1000;
const NONE = "none (the request data decides)";

const OVERLAY_STYLE = `
  :host { all: initial; --accent: #1f6feb; --line: #d8dde3; --muted: #57606a; --bad: #b42318; --good: #1a7f37;
    position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483647; font: 14px/1.4 system-ui, sans-serif; color: #1d232a; }
  #toggle { display: block; margin-left: auto; background: #1d232a; color: #fff; border-color: #1d232a; border-radius: 999px; padding: .35rem .9rem; font-weight: 600; }
  #toggle:hover { background: #39424d; }
  #panel { width: min(46rem, calc(100vw - 2rem)); max-height: calc(100vh - 5rem); overflow: auto; background: #fff;
    border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: .8rem 1rem; margin-bottom: .5rem; }
  #panel[hidden] { display: none; }
  #panel > h2 { font-size: 1.05rem; }
  section { margin: .6rem 0; padding: .6rem .8rem; }
  section h3 { margin: 0 0 .3rem; font-size: .95rem; }
  #status { margin: .3rem 0; }
  input[type=text] { width: 12rem; }
  #bearer { width: 100%; }
  #journal-table td { font-size: .8rem; }
`;

/** The markup: static text only, so no escaping is needed; the data is filled in as text. */
const MARKUP = `
<div id="panel" role="region" aria-labelledby="panel-heading" hidden>
<h2 id="panel-heading" tabindex="-1">login-mock panel <span class="tag">MSW mode</span></h2>
<p id="status" role="status" aria-live="polite"></p>
<section aria-labelledby="session-heading">
<h3 id="session-heading">Session</h3>
<form id="session-form" class="row">
<label for="session-id">Session id</label>
<input type="text" id="session-id" list="known-sessions" autocomplete="off" spellcheck="false">
<datalist id="known-sessions"></datalist>
<button type="submit" id="session-use">Use this session</button>
</form>
<p><input type="checkbox" id="session-cookie"> <label for="session-cookie">Put this page's own login requests in it (the <code>mock-session</code> cookie)</label></p>
<p id="cookie-state" class="muted"></p>
<p class="row"><button type="button" id="reset">Reset this session</button></p>
</section>
<section aria-labelledby="scenario-heading">
<h3 id="scenario-heading">Scenario</h3>
<p class="row"><label for="api">API</label><select id="api"></select></p>
<p class="row"><label for="scenario">Scenario</label><select id="scenario"></select></p>
<fieldset class="row times">
<legend>goes to</legend>
<input type="radio" name="times" id="times-every" value="every" checked> <label for="times-every">every login until cleared</label>
<input type="radio" name="times" id="times-once" value="once"> <label for="times-once">the next login only</label>
<input type="radio" name="times" id="times-n" value="n" aria-label="the next n logins"> <input type="number" id="times" min="1" step="1" placeholder="n" aria-label="how many logins"> <label for="times">logins</label>
</fieldset>
<p class="row"><button type="button" id="force">Force</button> <button type="button" id="clear">Clear</button></p>
<p>Forced: <strong id="active"></strong></p>
<p id="pending" class="pending" data-remaining="0"></p>
</section>
<section aria-labelledby="clock-heading">
<h3 id="clock-heading">Clock</h3>
<p>Mock time: <time id="clock-now" class="big"></time> <span id="clock-offset" class="muted"></span></p>
<form id="clock-form" class="row">
<label for="advance">Advance by</label>
<input type="text" id="advance" placeholder="25h, 30m, 2d, -1h" autocomplete="off" spellcheck="false">
<button type="submit" id="clock-advance">Advance</button>
</form>
<p class="row"><button type="button" data-advance="3600">+1 h</button> <button type="button" data-advance="86400">+1 day</button> <button type="button" id="clock-past-life"></button> <button type="button" id="clock-reset">Reset clock</button></p>
</section>
<section aria-labelledby="whoami-heading">
<h3 id="whoami-heading">Who am I</h3>
<form id="whoami-form">
<p><label for="bearer">Bearer token (paste one; a token cookie the page can read is checked too)</label></p>
<p class="row"><input type="text" id="bearer" autocomplete="off" spellcheck="false"> <button type="submit" id="whoami-check">Check</button></p>
</form>
<ul id="whoami-list"></ul>
</section>
<section aria-labelledby="journal-heading">
<h3 id="journal-heading">Requests in this session</h3>
<p class="row"><span id="journal-summary" class="muted"></span> <button type="button" id="journal-clear">Clear</button></p>
<table id="journal-table"><thead><tr><th scope="col">time</th><th scope="col">API</th><th scope="col">operation</th><th scope="col">request</th><th scope="col">status</th><th scope="col">scenario</th></tr></thead>
<tbody id="journal-rows"></tbody></table>
</section>
</div>
<button type="button" id="toggle" aria-expanded="false" aria-controls="panel">login-mock</button>
`;

/**
 * What the panel takes from the mock's core, handed over by ../browser.ts, which has them
 * already: imported here, the bundler would split the modules the two share into a third chunk
 * and the worker's page would load that too, panel or not.
 */
export interface PanelKit {
  readonly catalogueOf: (api: LoginApi) => readonly Scenario[];
  /** The `mock-session` cookie's name. */
  readonly sessionCookie: string;
  readonly sessionIdPattern: RegExp;
}

let mounted: PanelHandle | undefined;

/**
 * Puts the panel on the page (once: a second call answers the first handle), closed behind its
 * toggle button. It acts on `mock`'s sessions: the one the page's `mock-session` cookie names,
 * else the default one.
 */
export function mountPanel(mock: LoginMock, kit: PanelKit): PanelHandle {
  if (mounted?.host.isConnected) return mounted;
  const { catalogueOf, sessionCookie: SESSION_COOKIE, sessionIdPattern: SESSION_ID_PATTERN } = kit;
  const host = document.createElement(PANEL_TAG);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>${PANEL_STYLE}${OVERLAY_STYLE}</style>${MARKUP}`;
  (document.body ?? document.documentElement).append(host);

  const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const found = root.getElementById(id);
    if (!found) throw new Error(`[login-mock] The panel has no #${id}.`);
    return found as T;
  };
  const el = (tag: string, text?: string, className?: string): HTMLElement => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const panel = $("panel");
  const toggle = $<HTMLButtonElement>("toggle");
  const apiSelect = $<HTMLSelectElement>("api");
  const scenarioSelect = $<HTMLSelectElement>("scenario");

  const readCookie = (): string | null => {
    const prefix = `${SESSION_COOKIE}=`;
    const found = document.cookie.split(/;\s*/).find((pair) => pair.startsWith(prefix));
    return found === undefined ? null : found.slice(prefix.length);
  };
  const fromCookie = readCookie();
  let sessionId = fromCookie && SESSION_ID_PATTERN.test(fromCookie) ? fromCookie : "default";
  // Whether the page's own requests follow the session chosen here (through the cookie).
  let useCookie = sessionId !== "default";
  const session = (): MockSession => mock.session(sessionId);
  const api = (): LoginApi => mock.api(apiSelect.value);

  const say = (text: string, isError = false) => {
    $("status").textContent = text;
    $("status").dataset.kind = isError ? "error" : "ok";
  };
  const act = (action: () => string) => {
    try {
      say(action());
    } catch (error) {
      say((error as Error).message.replace(/^\[login-mock\] /, ""), true);
    }
    refresh();
  };

  // --- session --------------------------------------------------------------------------------
  function writeCookie(value: string | null) {
    // biome-ignore lint/suspicious/noDocumentCookie: the panel puts the page's requests in a session on purpose.
    document.cookie =
      value === null
        ? `${SESSION_COOKIE}=; Path=/; Max-Age=0`
        : `${SESSION_COOKIE}=${value}; Path=/; SameSite=Lax`;
  }
  function showSession() {
    const cookie = readCookie();
    $<HTMLInputElement>("session-cookie").checked = useCookie;
    $("cookie-state").textContent = cookie
      ? `This page's login requests go to session ${cookie} (unless they send X-Mock-Session).`
      : "This page's login requests go to session default (no cookie).";
    $("known-sessions").replaceChildren(...mock.sessions().map((known) => new Option(known.id)));
  }

  // --- scenario -------------------------------------------------------------------------------
  for (const each of mock.apis) apiSelect.add(new Option(`${each.title} (${each.id})`, each.id));
  function fillScenarios() {
    scenarioSelect.replaceChildren(
      ...catalogueOf(api()).map(
        (scenario) => new Option(`${scenario.name} (${scenario.status ?? "fault"})`, scenario.name),
      ),
    );
    const life = api().token.lifetimeSeconds;
    const past = $("clock-past-life");
    past.textContent = `Past the token's life (${formatDuration(life)})`;
    past.dataset.advance = String(life + 60);
  }
  function timesWanted(): number | undefined {
    const mode = root.querySelector<HTMLInputElement>("input[name=times]:checked")?.value;
    if (mode === "once") return 1;
    if (mode !== "n") return undefined;
    const typed = $<HTMLInputElement>("times").value.trim();
    if (typed === "") throw new Error('Type how many logins get the scenario beside "logins".');
    return Number(typed);
  }
  function showScenario() {
    const id = apiSelect.value;
    $("active").textContent = session().scenario(id) ?? NONE;
    const pending = session().pending(id);
    $("pending").dataset.remaining = String(pending?.remaining ?? 0);
    $("pending").textContent = pending
      ? `Then first: ${pending.name} for the next ${pending.remaining === 1 ? "login" : `${pending.remaining} logins`}.`
      : "No counted scenario queued.";
  }

  // --- clock ----------------------------------------------------------------------------------
  function showClock() {
    const state = session().clock.state();
    $("clock-now").textContent = formatTime(state.now);
    $("clock-now").setAttribute("datetime", state.now);
    $("clock-offset").textContent = state.real
      ? "(real time)"
      : `(${formatDuration(state.offsetSeconds)} ${state.offsetSeconds < 0 ? "behind" : "ahead of"} real time)`;
  }
  function advance(seconds: number): string {
    session().clock.advance(seconds);
    void checkWhoami();
    return `Session ${sessionId}'s clock moved ${formatDuration(seconds)}${seconds < 0 ? " back" : ""}: it is now ${formatTime(session().clock.state().now)}.`;
  }

  // --- whoami ---------------------------------------------------------------------------------
  function describe(credential: CredentialReport): HTMLElement {
    const item = el("li");
    item.dataset.state = credential.state;
    const title = mock.apis.find((each) => each.id === credential.variant)?.title ?? "Unknown API";
    item.append(`${title} ${credential.source === "cookie" ? "token cookie" : "bearer token"}: `);
    item.append(el("span", credential.state.replaceAll("-", " "), `state-${credential.state}`));
    const seconds = credential.expiresInSeconds;
    if (credential.state !== "revoked" && typeof seconds === "number")
      item.append(
        seconds > 0
          ? ` — expires in ${formatDuration(seconds)}`
          : ` — expired ${formatDuration(seconds)} ago`,
      );
    return item;
  }
  async function checkWhoami(): Promise<string> {
    const bearer = $<HTMLInputElement>("bearer").value.trim();
    const who = await mock.whoami(session(), {
      cookie: document.cookie || null,
      authorization: bearer ? `Bearer ${bearer}` : null,
    });
    const list = $("whoami-list");
    list.replaceChildren(...who.credentials.map(describe));
    if (who.credentials.length === 0)
      list.append(
        el("li", "No credentials: paste a token above (MSW mode cannot set a token cookie)."),
      );
    return `Checked at ${formatTime(who.now)} mock time: ${who.credentials.map((c) => c.state).join(", ") || "no credentials"}.`;
  }

  // --- journal --------------------------------------------------------------------------------
  let lastJournal = "";
  function showJournal() {
    const entries = session().journal.entries(JOURNAL_LIMIT);
    const key = `${sessionId}\n${JSON.stringify(entries)}`;
    if (key === lastJournal) return;
    lastJournal = key;
    $("journal-rows").replaceChildren(
      ...entries.map((entry) => {
        const row = el("tr");
        row.dataset.operation = entry.operation;
        const operation = el("td");
        operation.append(el("span", entry.operation, `op op-${entry.operation}`));
        row.append(
          el("td", formatTime(entry.time), "num"),
          el("td", entry.variant),
          operation,
          el("td", `${entry.method} ${entry.path}`),
          el("td", entry.status === null ? "no status" : String(entry.status), "num"),
          el("td", entry.scenario ?? "—"),
        );
        return row;
      }),
    );
    $("journal-summary").textContent = entries.length
      ? `The latest ${entries.length} in session ${sessionId}, newest first.`
      : `No requests in session ${sessionId} yet: log in from the page.`;
  }

  function refresh() {
    showSession();
    showScenario();
    showClock();
    showJournal();
  }

  // --- open, close, poll ----------------------------------------------------------------------
  let timer: ReturnType<typeof setInterval> | undefined;
  const isOpen = () => !panel.hidden;
  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    refresh();
    $("panel-heading").focus();
    // The page's own logins change the journal and counted scenarios: shown while open.
    timer ??= setInterval(() => {
      if (document.visibilityState === "visible") {
        showScenario();
        showClock();
        showJournal();
      }
    }, POLL_MS);
  }
  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    clearInterval(timer);
    timer = undefined;
  }
  toggle.addEventListener("click", () => (isOpen() ? close() : open()));
  root.addEventListener("keydown", (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === "Escape" && isOpen()) {
      close();
      toggle.focus();
    }
  });

  // --- actions --------------------------------------------------------------------------------
  apiSelect.addEventListener("change", () => {
    fillScenarios();
    showScenario();
  });
  $("times").addEventListener("input", () => {
    $<HTMLInputElement>("times-n").checked = true;
  });
  $("force").addEventListener("click", () =>
    act(() => {
      const times = timesWanted();
      const name = scenarioSelect.value;
      session().setScenario(apiSelect.value, name, times === undefined ? {} : { times });
      return times === undefined
        ? `Every ${api().title} login in session ${sessionId} now gets ${name}.`
        : `The next ${times === 1 ? "login" : `${times} logins`} to ${api().title} in session ${sessionId} get ${name}.`;
    }),
  );
  $("clear").addEventListener("click", () =>
    act(() => {
      session().setScenario(apiSelect.value, null);
      return `${api().title} logins in session ${sessionId} are decided by the request data again.`;
    }),
  );
  $("reset").addEventListener("click", () =>
    act(() => {
      session().reset();
      return `Session ${sessionId} is reset: seeded users, no forced scenarios, its clock at the start, an empty journal.`;
    }),
  );
  $("session-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = $<HTMLInputElement>("session-id");
    const id = field.value.trim() || "default";
    if (!SESSION_ID_PATTERN.test(id)) {
      field.setAttribute("aria-invalid", "true");
      say(`A session id is 1 to 64 letters, digits, dots, dashes or underscores: not ${id}.`, true);
      return;
    }
    field.removeAttribute("aria-invalid");
    act(() => {
      mock.session(id); // Throws when the mock keeps too many sessions: nothing changes then.
      sessionId = id;
      if (useCookie) writeCookie(id === "default" ? null : id);
      return `Now acting on session ${id}.`;
    });
  });
  $("session-cookie").addEventListener("change", () =>
    act(() => {
      useCookie = $<HTMLInputElement>("session-cookie").checked;
      writeCookie(useCookie && sessionId !== "default" ? sessionId : null);
      return useCookie
        ? `This page's login requests now go to session ${sessionId}.`
        : "This page's login requests go to session default.";
    }),
  );
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-advance]"))
    button.addEventListener("click", () => act(() => advance(Number(button.dataset.advance))));
  $("clock-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(() => {
      const typed = $<HTMLInputElement>("advance").value;
      const seconds = parseDuration(typed);
      if (seconds === undefined)
        throw new Error(`Advance by a number and a unit: 90s, 30m, 25h, 2d (not ${typed}).`);
      return advance(seconds);
    });
  });
  $("clock-reset").addEventListener("click", () =>
    act(() => {
      session().clock.restart();
      void checkWhoami();
      return `Session ${sessionId}'s clock is back at its start.`;
    }),
  );
  $("whoami-form").addEventListener("submit", (event) => {
    event.preventDefault();
    checkWhoami().then(say, (error: Error) => say(error.message, true));
  });
  $("journal-clear").addEventListener("click", () =>
    act(() => {
      session().journal.clear();
      return `The journal of session ${sessionId} is empty.`;
    }),
  );

  $<HTMLInputElement>("session-id").value = sessionId;
  fillScenarios();
  mounted = {
    host,
    open,
    close,
    remove() {
      close();
      host.remove();
      mounted = undefined;
    },
  };
  return mounted;
}
