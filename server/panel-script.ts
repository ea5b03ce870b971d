/**
 * The control panel's script, inlined (the CSP allows inline scripts and same-origin fetches
 * only). Plain ES2020, no template literals; the variants and their names come from
 * openapi/documents.ts, the session id pattern and cookie name from mocks/core/session-id.ts, so the panel checks ids exactly as the server does. Every
 * call names the session the panel acts on in X-Mock-Session; the page itself renders the
 * catalogue, the script fills in what belongs to the session.
 */
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../mocks/core/session-id.ts";
import { VARIANT_TITLES, VARIANTS } from "../openapi/documents.ts";

export const PANEL_SCRIPT = `
"use strict";
(() => {
  const VARIANTS = ${JSON.stringify(VARIANTS)};
  const TITLES = ${JSON.stringify(VARIANT_TITLES)};
  const SESSION_ID = ${SESSION_ID_PATTERN};
  const COOKIE = ${JSON.stringify(SESSION_COOKIE)};
  // The journal polls while the tab is visible; a failing server is retried less and less often.
  const POLL_MS = 1500;
  const MAX_BACKOFF_MS = 30000;
  const JOURNAL_LIMIT = 25;
  const NONE = "none (the request data decides)";

  const $ = (id) => document.getElementById(id);
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const readCookie = () => {
    const prefix = COOKIE + "=";
    const found = document.cookie.split(/;\\s*/).find((pair) => pair.startsWith(prefix));
    return found === undefined ? null : found.slice(prefix.length);
  };
  const fromUrl = new URLSearchParams(location.search).get("session");
  let session = [fromUrl, readCookie()].find((id) => id && SESSION_ID.test(id)) || "default";

  const say = (text, isError) => {
    $("status").textContent = text;
    $("status").dataset.kind = isError ? "error" : "ok";
  };

  async function call(method, path, body, extraHeaders) {
    const headers = Object.assign({ "x-mock-session": session }, extraHeaders || {});
    if (body !== undefined) headers["content-type"] = "application/json";
    let response;
    try {
      response = await fetch("/__mock" + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch (error) {
      throw new Error("The mock server did not answer (" + error.message + "). Is it still running?");
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      // An empty or non-JSON body: the status below says what happened.
    }
    if (!response.ok) {
      const detail = data && (data.detail || data.title);
      throw new Error(detail || method + " /__mock" + path + " answered " + response.status + ".");
    }
    return data;
  }

  // --- formatting ---------------------------------------------------------------------------
  const pad = (n) => String(n).padStart(2, "0");
  const formatTime = (iso) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
  };
  const formatDuration = (totalSeconds) => {
    let s = Math.round(Math.abs(totalSeconds));
    const days = Math.floor(s / 86400); s -= days * 86400;
    const hours = Math.floor(s / 3600); s -= hours * 3600;
    const minutes = Math.floor(s / 60); s -= minutes * 60;
    const parts = [];
    if (days) parts.push(days + " d");
    if (hours) parts.push(hours + " h");
    if (minutes) parts.push(minutes + " min");
    if (!days && !hours && (s || parts.length === 0)) parts.push(s + " s");
    return parts.join(" ");
  };

  // --- scenarios ----------------------------------------------------------------------------
  function showActive(variant, name) {
    document.querySelector('[data-active-for="' + variant + '"]').textContent = name || NONE;
    for (const button of document.querySelectorAll('button[data-scenario][data-variant="' + variant + '"]'))
      button.setAttribute("aria-pressed", String(button.dataset.scenario === name));
  }
  async function loadScenarios() {
    const answers = await Promise.all(VARIANTS.map((v) => call("GET", "/scenario?variant=" + v)));
    for (const answer of answers) showActive(answer.variant, answer.scenario);
  }

  // --- clock --------------------------------------------------------------------------------
  async function loadClock() {
    const clock = await call("GET", "/clock");
    $("clock-now").textContent = formatTime(clock.now);
    $("clock-now").setAttribute("datetime", clock.now);
    $("clock-offset").textContent = clock.real
      ? "real time"
      : formatDuration(clock.offsetSeconds) + (clock.offsetSeconds < 0 ? " behind" : " ahead of") + " real time";
    return clock;
  }

  // --- whoami -------------------------------------------------------------------------------
  function describeCredential(credential) {
    const item = el("li");
    const who = TITLES[credential.variant] || "Unknown account's";
    const how = credential.source === "cookie" ? "token cookie" : "bearer token";
    item.append(who + " " + how + ": ");
    item.append(el("span", credential.state.replaceAll("-", " "), "state-" + credential.state));
    const details = [];
    if (credential.email) details.push(credential.email);
    if (typeof credential.expiresInSeconds === "number") {
      details.push(credential.expiresInSeconds > 0
        ? "expires in " + formatDuration(credential.expiresInSeconds)
        : "expired " + formatDuration(credential.expiresInSeconds) + " ago");
    }
    if (credential.expiresAt) details.push("at " + formatTime(credential.expiresAt) + " mock time");
    if (details.length) item.append(" — " + details.join(", "));
    return item;
  }
  async function loadWhoami() {
    const bearer = $("bearer").value.trim();
    const who = await call("GET", "/whoami", undefined, bearer ? { authorization: "Bearer " + bearer } : {});
    const list = $("whoami-list");
    list.replaceChildren(...who.credentials.map(describeCredential));
    // whoami's own hint is for API clients (what to send); the card's text covers the panel.
    if (who.credentials.length === 0)
      list.append(el("li", "No login credentials: this browser holds no token cookie for " + location.hostname + "."));
    return who;
  }

  // --- journal ------------------------------------------------------------------------------
  function describeField(name, field) {
    if (!field || !field.present) return el("span", name + " missing", "field-bad");
    if (!field.wellFormed) return el("span", name + " malformed", "field-bad");
    return el("span", name + " ok", "field-ok");
  }
  let lastJournal = "";
  // Entries shown before, to mark the new ones (times are mock times: they can go backwards).
  let shown = null;
  async function loadJournal() {
    const journal = await call("GET", "/requests?limit=" + JOURNAL_LIMIT);
    const key = JSON.stringify(journal.entries);
    if (key === lastJournal) return;
    lastJournal = key;
    const previous = shown;
    shown = new Set(journal.entries.map((entry) => JSON.stringify(entry)));
    const rows = journal.entries.map((entry) => {
      const row = el("tr");
      if (previous !== null && !previous.has(JSON.stringify(entry))) row.className = "fresh";
      const fields = el("td");
      for (const [name, field] of Object.entries(entry.fields || {})) {
        if (fields.childNodes.length) fields.append(" · ");
        fields.append(describeField(name, field));
      }
      row.append(
        el("td", formatTime(entry.time), "num"),
        el("td", entry.variant),
        el("td", entry.method + " " + entry.path),
        el("td", entry.status === null || entry.status === undefined ? "no status" : String(entry.status), "num"),
        el("td", entry.scenario || "—"),
        fields,
      );
      return row;
    });
    $("journal-rows").replaceChildren(...rows);
    $("journal-summary").textContent = journal.entries.length
      ? "The latest " + journal.entries.length + " in session " + journal.session + ", newest first (the journal keeps " + journal.capacity + ")."
      : "No requests in session " + journal.session + " yet. Log in from your app, and they appear here.";
  }

  // --- sessions -----------------------------------------------------------------------------
  async function loadSessions() {
    const known = await call("GET", "/sessions");
    $("known-sessions").replaceChildren(...known.sessions.map((s) => new Option(s.id)));
    $("sessions-summary").textContent = known.sessions.length + " session" + (known.sessions.length === 1 ? "" : "s") +
      " on this server (at most " + known.limit + "; one unused for " + known.idleMinutes + " min is forgotten).";
  }

  function showSession() {
    $("session-current").textContent = session;
    $("session-id").value = session;
    const cookie = readCookie();
    $("session-cookie").checked = cookie === session;
    $("cookie-state").textContent = cookie
      ? "This browser's app requests to " + location.hostname + " go to session " + cookie + " (the " + COOKIE + " cookie)."
      : "This browser's app requests go to session default (no " + COOKIE + " cookie).";
  }
  function writeCookie(value) {
    if (value === null) {
      document.cookie = COOKIE + "=; Path=/; Max-Age=0; SameSite=None; Secure";
      document.cookie = COOKIE + "=; Path=/; Max-Age=0";
      return;
    }
    // SameSite=None reaches an app on another site (localhost vs 127.0.0.1); browsers that
    // refuse Secure cookies on http get a Lax one, which an app on the same host name still sends.
    document.cookie = COOKIE + "=" + value + "; Path=/; SameSite=None; Secure";
    if (readCookie() !== value) document.cookie = COOKIE + "=" + value + "; Path=/; SameSite=Lax";
  }

  // --- refresh and poll ---------------------------------------------------------------------
  async function refreshAll() {
    const results = await Promise.allSettled([loadScenarios(), loadClock(), loadWhoami(), loadJournal(), loadSessions()]);
    // Whatever loaded is shown; the first failure is reported.
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }

  let timer = null;
  let polling = false;
  let failures = 0;
  let tick = 0;
  function schedule(ms) {
    if (timer === null && !polling) timer = setTimeout(poll, ms);
  }
  async function poll() {
    timer = null;
    if (document.visibilityState !== "visible" || !$("journal-live").checked) return;
    polling = true;
    try {
      await Promise.all([loadJournal(), loadClock()]);
      // Scenarios, whoami and sessions change less often (or only through other clients).
      if (++tick % 4 === 0) await Promise.all([loadScenarios(), loadWhoami(), loadSessions()]);
      failures = 0;
      $("journal-state").textContent = "";
    } catch (error) {
      failures += 1;
      $("journal-state").textContent = error.message;
    } finally {
      polling = false;
    }
    schedule(failures ? Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS) : POLL_MS);
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") schedule(0);
  });
  $("journal-live").addEventListener("change", () => schedule(0));

  // --- actions ------------------------------------------------------------------------------
  async function act(action, done) {
    try {
      const message = await action();
      say(message || done);
    } catch (error) {
      say(error.message, true);
    }
  }
  const actions = {
    async scenario(button) {
      const { variant, scenario } = button.dataset;
      const answer = await call("PUT", "/scenario?variant=" + variant, { scenario, variant });
      showActive(variant, answer.scenario);
      return "Every " + TITLES[variant] + " login in session " + session + " now gets " + answer.scenario + ".";
    },
    async clear(button) {
      const { variant } = button.dataset;
      await call("DELETE", "/scenario?variant=" + variant);
      showActive(variant, null);
      return TITLES[variant] + " logins in session " + session + " are decided by the request data again.";
    },
    async reset() {
      await call("POST", "/reset");
      lastJournal = "";
      shown = null;
      await refreshAll();
      return "Session " + session + " is reset: seeded users, no forced scenarios, the clock at its start, an empty journal.";
    },
    async "reset-all"() {
      await call("POST", "/reset", { allSessions: true });
      lastJournal = "";
      await refreshAll();
      return "Every session is reset.";
    },
    async clock(button) {
      const seconds = Number(button.dataset.advance);
      const clock = seconds ? await call("PUT", "/clock", { advanceSeconds: seconds }) : await call("DELETE", "/clock");
      await loadClock();
      await loadWhoami();
      return seconds
        ? "Session " + session + "'s clock moved " + button.textContent.trim() + ": it is now " + formatTime(clock.now) + "."
        : "Session " + session + " is back on real time.";
    },
    async whoami() {
      const who = await loadWhoami();
      return "Checked this browser's credentials: " + (who.credentials.length ? who.credentials.map((c) => (TITLES[c.variant] || "unknown") + " " + c.state).join(", ") : "none") + ".";
    },
    async "journal-clear"() {
      await call("DELETE", "/requests");
      lastJournal = "";
      await loadJournal();
      return "The journal of session " + session + " is empty.";
    },
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) act(() => actions[button.dataset.action](button));
  });

  $("session-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("session-id");
    const id = input.value.trim() || "default";
    if (!SESSION_ID.test(id)) {
      input.setAttribute("aria-invalid", "true");
      say("A session id is 1 to 64 letters, digits, dots, dashes or underscores; " + JSON.stringify(id) + " is not.", true);
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    const useCookie = $("session-cookie").checked;
    session = id;
    if (useCookie) writeCookie(session);
    const url = new URL(location.href);
    if (session === "default") url.searchParams.delete("session");
    else url.searchParams.set("session", session);
    history.replaceState(null, "", url);
    showSession();
    lastJournal = "";
    act(refreshAll, "Now acting on session " + session + ".");
  });
  // Enter in the token field clicks "Check again", which the click handler above acts on.
  $("whoami-form").addEventListener("submit", (event) => event.preventDefault());
  $("session-cookie").addEventListener("change", (event) => {
    writeCookie(event.target.checked ? session : null);
    showSession();
    say(event.target.checked
      ? "This browser's app requests now carry the mock-session cookie: session " + session + "."
      : "The mock-session cookie is removed: this browser's app requests go to session default.");
  });

  showSession();
  act(refreshAll, "Acting on session " + session + ".").then(() => {
    document.body.dataset.ready = "true";
    schedule(POLL_MS);
  });
})();
`;
