/**
 * The control panel's script, as the browser runs it. `runPanel` is inlined into the page as
 * its source text (`panelScript()` in ../panel-script.ts), so it must stand alone: it may use
 * browser globals and what it declares itself, nothing imported or declared elsewhere in this
 * module (types excepted: they are gone by then). What varies (the APIs, the session-id rule,
 * the cookie's name) it reads from the page's JSON data block, `#panel-data`.
 *
 * Every call names the session the panel acts on in X-Mock-Session; the page itself renders the
 * catalogue, the script fills in what belongs to the session (and the mock's published keys,
 * from /.well-known/jwks.json). The CSP allows same-origin fetches only.
 */

/** What the page hands the script, as JSON in `<script type="application/json" id="panel-data">`. */
export interface PanelData {
  /** The mock's APIs, in order: each has a section `#variant-<id>` on the page. */
  readonly apis: readonly { readonly id: string; readonly title: string }[];
  /** The session-id rule's RegExp source (mocks/core/sessions/session-id.ts). */
  readonly sessionIdPattern: string;
  readonly sessionCookie: string;
}

interface Credential {
  readonly variant: string | null;
  readonly source: "cookie" | "bearer";
  readonly state: string;
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly expiresAt?: string;
  readonly expiresInSeconds?: number;
}

interface JournalEntry {
  readonly time: string;
  readonly variant: string;
  /** Which of the API's operations: its login, refresh or logout. */
  readonly operation?: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly scenario: string | null;
  readonly fields?: Readonly<Record<string, { present?: boolean; wellFormed?: boolean }>>;
}

/** An extra account as GET /__mock/accounts lists it: `secret` only says whether it has one. */
interface ExtraAccount {
  readonly api: string;
  readonly identity: string;
  readonly secret: "(set)" | "(unchanged)";
  readonly answer?: string;
  readonly delayMs?: number;
}

/** What the panel shows of a published key: never its key material. */
interface ShownKey {
  readonly kid?: string;
  readonly kty?: string;
  readonly alg?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: control API answers are JSON of many shapes.
type Json = any;

export function runPanel(): void {
  const $ = (id: string): HTMLElement => {
    const found = document.getElementById(id);
    if (!found) throw new Error(`The panel has no #${id}.`);
    return found;
  };
  const data = JSON.parse($("panel-data").textContent ?? "{}") as PanelData;
  const IDS = data.apis.map((api) => api.id);
  // By API id, which is data (`constructor` is one a spec may have): a Map, no prototype.
  const TITLES = new Map(data.apis.map((api) => [api.id, api.title]));
  const SESSION_ID = new RegExp(data.sessionIdPattern);
  const COOKIE = data.sessionCookie;
  // The journal polls while the tab is visible; a failing server is retried less and less often.
  const POLL_MS = 1500;
  const MAX_BACKOFF_MS = 30000;
  const JOURNAL_LIMIT = 25;
  const NONE = "none (the request data decides)";

  const input = (id: string) => $(id) as HTMLInputElement;
  const el = (tag: string, text?: string, className?: string): HTMLElement => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  const readCookie = (): string | null => {
    const prefix = `${COOKIE}=`;
    const found = document.cookie.split(/;\s*/).find((pair) => pair.startsWith(prefix));
    return found === undefined ? null : found.slice(prefix.length);
  };
  const fromUrl = new URLSearchParams(location.search).get("session");
  let session = [fromUrl, readCookie()].find((id) => id && SESSION_ID.test(id)) || "default";

  const say = (text: string, isError?: boolean) => {
    $("status").textContent = text;
    $("status").dataset.kind = isError ? "error" : "ok";
  };

  async function call(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<Json> {
    const headers: Record<string, string> = { "x-mock-session": session, ...extraHeaders };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`/__mock${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        cache: "no-store",
      });
    } catch (error) {
      throw new Error(
        `The mock server did not answer (${(error as Error).message}). Is it still running?`,
      );
    }
    let answer: Json = null;
    try {
      answer = await response.json();
    } catch {
      // An empty or non-JSON body: the status below says what happened.
    }
    if (!response.ok) {
      const detail = answer && (answer.detail || answer.title);
      throw new Error(detail || `${method} /__mock${path} answered ${response.status}.`);
    }
    return answer;
  }

  // --- formatting ---------------------------------------------------------------------------
  const pad = (n: number) => String(n).padStart(2, "0");
  const formatTime = (iso: string) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  };
  const formatDuration = (totalSeconds: number) => {
    let s = Math.round(Math.abs(totalSeconds));
    const days = Math.floor(s / 86400);
    s -= days * 86400;
    const hours = Math.floor(s / 3600);
    s -= hours * 3600;
    const minutes = Math.floor(s / 60);
    s -= minutes * 60;
    const parts: string[] = [];
    if (days) parts.push(`${days} d`);
    if (hours) parts.push(`${hours} h`);
    if (minutes) parts.push(`${minutes} min`);
    if (!days && !hours && (s || parts.length === 0)) parts.push(`${s} s`);
    return parts.join(" ");
  };
  const titleOf = (variant: string | null | undefined) =>
    (variant && TITLES.get(variant)) || "an unknown API";

  // --- scenarios ----------------------------------------------------------------------------
  function showActive(variant: string, name: string | null) {
    for (const shown of document.querySelectorAll("[data-active-for]")) {
      if ((shown as HTMLElement).dataset.activeFor === variant) shown.textContent = name || NONE;
    }
    for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-scenario]")) {
      if (button.dataset.variant === variant)
        button.setAttribute("aria-pressed", String(button.dataset.scenario === name));
    }
  }
  /** A counted scenario still queued (`{name, remaining}`), or null: shown under the sticky one. */
  function showPending(variant: string, pending: { name: string; remaining: number } | null) {
    for (const shown of document.querySelectorAll<HTMLElement>("[data-pending-for]")) {
      if (shown.dataset.pendingFor !== variant) continue;
      shown.dataset.remaining = String(pending ? pending.remaining : 0);
      shown.textContent = pending
        ? `Next ${pending.remaining === 1 ? "login only" : `${pending.remaining} logins only`}: ${pending.name} (${pending.remaining} left), then the forced scenario above.`
        : "No counted scenario queued.";
    }
  }
  const pendingOf = (answer: Json, id: string) =>
    answer.pending && Object.hasOwn(answer.pending, id) ? (answer.pending[id] ?? null) : null;
  /**
   * How many logins a scenario pressed for `variant` goes to: undefined for every one until
   * cleared, 1 for the next only, else the count typed beside "the next n".
   */
  function timesFor(variant: string): number | undefined {
    const mode = [
      ...document.querySelectorAll<HTMLInputElement>("input[data-times-mode-for]:checked"),
    ].find((radio) => radio.dataset.timesModeFor === variant)?.value;
    if (mode === "once") return 1;
    if (mode !== "n") return undefined;
    const field = [...document.querySelectorAll<HTMLInputElement>("input[data-times-for]")].find(
      (candidate) => candidate.dataset.timesFor === variant,
    );
    const typed = field?.value.trim() ?? "";
    if (typed === "") {
      field?.focus();
      throw new Error(
        `Type how many ${titleOf(variant)} logins get the scenario beside "the next … logins", or pick another choice.`,
      );
    }
    // A bad count gets the server's 400, which says the range.
    return Number(typed);
  }
  // Typing a count picks "the next n logins".
  document.addEventListener("input", (event) => {
    const field = event.target as HTMLInputElement | null;
    const variant = field?.dataset?.timesFor;
    if (variant === undefined) return;
    for (const radio of document.querySelectorAll<HTMLInputElement>("input[data-times-mode-for]"))
      if (radio.dataset.timesModeFor === variant && radio.value === "n") radio.checked = true;
  });
  async function loadScenarios() {
    // One call answers for every API (`apis` and `pending`, by id).
    const answer = await call("GET", "/scenario");
    for (const id of IDS) {
      showActive(
        id,
        answer.apis && Object.hasOwn(answer.apis, id) ? (answer.apis[id] ?? null) : null,
      );
      showPending(id, pendingOf(answer, id));
    }
  }

  // --- clock --------------------------------------------------------------------------------
  async function loadClock() {
    const clock = await call("GET", "/clock");
    $("clock-now").textContent = formatTime(clock.now);
    $("clock-now").setAttribute("datetime", clock.now);
    $("clock-offset").textContent = clock.real
      ? "real time"
      : `${formatDuration(clock.offsetSeconds)}${clock.offsetSeconds < 0 ? " behind" : " ahead of"} real time`;
    return clock;
  }

  // --- whoami -------------------------------------------------------------------------------
  function describeCredential(credential: Credential) {
    const item = el("li");
    const how = credential.source === "cookie" ? "token cookie" : "bearer token";
    item.append(`${titleOf(credential.variant)} ${how}: `);
    item.append(el("span", credential.state.replaceAll("-", " "), `state-${credential.state}`));
    const details: string[] = [];
    // Revoked whatever its times say: its login ended.
    const revoked = credential.state === "revoked";
    if (revoked) details.push("ended by a logout or a reused refresh token");
    for (const [name, value] of Object.entries(credential.claims ?? {}))
      details.push(`${name} ${typeof value === "string" ? value : JSON.stringify(value)}`);
    if (!revoked && typeof credential.expiresInSeconds === "number") {
      details.push(
        credential.expiresInSeconds > 0
          ? `expires in ${formatDuration(credential.expiresInSeconds)}`
          : `expired ${formatDuration(credential.expiresInSeconds)} ago`,
      );
    }
    if (credential.expiresAt)
      details.push(`${revoked ? "its exp" : "at"} ${formatTime(credential.expiresAt)} mock time`);
    if (details.length) item.append(` — ${details.join(", ")}`);
    return item;
  }
  async function loadWhoami() {
    const bearer = input("bearer").value.trim();
    const who = await call(
      "GET",
      "/whoami",
      undefined,
      bearer ? { authorization: `Bearer ${bearer}` } : {},
    );
    const list = $("whoami-list");
    list.replaceChildren(...(who.credentials as Credential[]).map(describeCredential));
    // whoami's own hint is for API clients (what to send); the card's text covers the panel.
    if (who.credentials.length === 0)
      list.append(
        el(
          "li",
          `No login credentials: this browser holds no token cookie for ${location.hostname}.`,
        ),
      );
    return who;
  }

  // --- journal ------------------------------------------------------------------------------
  function describeField(name: string, field: { present?: boolean; wellFormed?: boolean }) {
    if (!field?.present) return el("span", `${name} missing`, "field-bad");
    if (!field.wellFormed) return el("span", `${name} malformed`, "field-bad");
    return el("span", `${name} ok`, "field-ok");
  }
  let lastJournal = "";
  // Entries shown before, to mark the new ones (times are mock times: they can go backwards).
  let shown: Set<string> | null = null;
  /** Whether the journal changed since it was last shown. */
  async function loadJournal(): Promise<boolean> {
    const journal = await call("GET", `/requests?limit=${JOURNAL_LIMIT}`);
    const entries = journal.entries as JournalEntry[];
    const key = JSON.stringify(entries);
    if (key === lastJournal) return false;
    lastJournal = key;
    const previous = shown;
    shown = new Set(entries.map((entry) => JSON.stringify(entry)));
    const rows = entries.map((entry) => {
      const row = el("tr");
      if (previous !== null && !previous.has(JSON.stringify(entry))) row.className = "fresh";
      const fields = el("td");
      for (const [name, field] of Object.entries(entry.fields ?? {})) {
        if (fields.childNodes.length) fields.append(" · ");
        fields.append(describeField(name, field));
      }
      const operation = entry.operation || "login";
      const tag = el("td");
      tag.append(el("span", operation, `op op-${operation}`));
      row.dataset.operation = operation;
      row.append(
        el("td", formatTime(entry.time), "num"),
        el("td", entry.variant),
        tag,
        el("td", `${entry.method} ${entry.path}`),
        el(
          "td",
          entry.status === null || entry.status === undefined ? "no status" : String(entry.status),
          "num",
        ),
        el("td", entry.scenario || "—"),
        fields,
      );
      return row;
    });
    $("journal-rows").replaceChildren(...rows);
    $("journal-summary").textContent = entries.length
      ? `The latest ${entries.length} in session ${journal.session}, newest first (the journal keeps ${journal.capacity}).`
      : `No requests in session ${journal.session} yet. Log in from your app, and they appear here.`;
    return true;
  }

  // --- accounts with their own outcome -------------------------------------------------------
  const forVariant = (attribute: string, variant: string) =>
    [...document.querySelectorAll<HTMLElement>(`[${attribute}]`)].filter(
      (node) => node.getAttribute(attribute) === variant,
    );
  async function loadAccounts() {
    const listed = await call("GET", "/accounts");
    const accounts = listed.accounts as ExtraAccount[];
    for (const id of IDS) {
      const own = accounts.filter((account) => account.api === id);
      // "none: the password decides", in the API's own word for its secret.
      const none =
        forVariant("data-accounts-for", id)[0]?.querySelector('option[value=""]')?.textContent ||
        "none";
      const rows = own.map((account) => {
        const row = el("tr");
        const identity = el("td");
        identity.append(el("code", account.identity));
        // Never the secret: only whether the account has one of its own.
        row.append(
          identity,
          el("td", account.secret === "(set)" ? "its own" : "unchanged", "muted"),
          el("td", account.answer || none),
          el("td", account.delayMs ? `${account.delayMs} ms` : "—", "num"),
        );
        return row;
      });
      if (rows.length === 0) {
        const empty = el("td", "None in this session yet.", "muted");
        empty.setAttribute("colspan", "4");
        const row = el("tr");
        row.append(empty);
        rows.push(row);
      }
      for (const body of forVariant("data-extra-accounts-for", id)) body.replaceChildren(...rows);
    }
    return listed;
  }
  /** The API's words for an account field, for its 400s: `accounts[0].secret: …` → `password: …`. */
  function readableAccountError(form: HTMLFormElement, message: string) {
    const labelOf = (field: string) => {
      const control = form.elements.namedItem(field) as HTMLElement | null;
      const label = control?.id ? form.querySelector(`label[for="${control.id}"]`) : null;
      return label?.textContent || field;
    };
    return (message.split(" POST /__mock/accounts takes")[0] ?? message)
      .replace(/^\[login-mock\] /, "")
      .replace(/^accounts(?:\[\d+\])?(?:\.([A-Za-z]+))?: /, (_all, field?: string) =>
        field ? `${labelOf(field)}: ` : "",
      );
  }
  async function addAccount(form: HTMLFormElement) {
    const variant = form.dataset.accountsFor ?? "";
    const value = (name: string) =>
      ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "").trim();
    const secret = (form.elements.namedItem("secret") as HTMLInputElement | null)?.value ?? "";
    const delay = value("delayMs");
    const account: Record<string, unknown> = { api: variant, identity: value("identity") };
    if (secret !== "") account.secret = secret;
    if (value("answer") !== "") account.answer = value("answer");
    if (delay !== "") account.delayMs = Number(delay);
    const error = forVariant("data-accounts-error-for", variant);
    try {
      const answer = await call("POST", "/accounts", account);
      for (const shown of error) shown.textContent = "";
      form.reset();
      await loadAccounts();
      const [added] = answer.added as ExtraAccount[];
      return `${titleOf(variant)} account ${added?.identity ?? account.identity} added to session ${session}${added?.answer ? `: once its secret is right, it answers ${added.answer}` : ""}${added?.delayMs ? `, after ${added.delayMs} ms` : ""}. The session has ${answer.count} of at most ${answer.limit} extra accounts.`;
    } catch (failure) {
      const message = readableAccountError(form, (failure as Error).message);
      for (const shown of error) shown.textContent = message;
      throw new Error(`The account was not added: ${message}`);
    }
  }

  // --- keys ---------------------------------------------------------------------------------
  // Only an RS256/ES256 mock's page lists keys; an HS256 one publishes none.
  const keysList = document.getElementById("keys-list");
  async function loadKeys() {
    if (!keysList) return;
    let response: Response;
    try {
      response = await fetch("/.well-known/jwks.json", { cache: "no-store" });
    } catch (error) {
      throw new Error(`The mock server did not answer (${(error as Error).message}).`);
    }
    if (!response.ok) throw new Error(`GET /.well-known/jwks.json answered ${response.status}.`);
    const keys = ((await response.json()).keys ?? []) as ShownKey[];
    // kid, kty and alg only: a public key's numbers are of no use on this page.
    keysList.replaceChildren(
      ...keys.map((key, index) => {
        const row = el("tr");
        const kid = el("td");
        kid.append(el("code", String(key.kid ?? "")));
        row.dataset.kid = String(key.kid ?? "");
        row.append(
          kid,
          el("td", String(key.kty ?? "")),
          el("td", String(key.alg ?? "")),
          el("td", index === keys.length - 1 ? "signs new tokens" : "verifies only", "muted"),
        );
        return row;
      }),
    );
  }

  // --- sessions -----------------------------------------------------------------------------
  async function loadSessions() {
    const known = await call("GET", "/sessions");
    const sessions = known.sessions as { id: string }[];
    $("known-sessions").replaceChildren(...sessions.map((s) => new Option(s.id)));
    $("sessions-summary").textContent =
      `${sessions.length} session${sessions.length === 1 ? "" : "s"} on this server (at most ${known.limit}; one unused for ${known.idleMinutes} min is forgotten).`;
  }

  function showSession() {
    $("session-current").textContent = session;
    input("session-id").value = session;
    const cookie = readCookie();
    input("session-cookie").checked = cookie === session;
    $("cookie-state").textContent = cookie
      ? `This browser's app requests to ${location.hostname} go to session ${cookie} (the ${COOKIE} cookie).`
      : `This browser's app requests go to session default (no ${COOKIE} cookie).`;
  }
  function writeCookie(value: string | null) {
    if (value === null) {
      // biome-ignore lint/suspicious/noDocumentCookie: the panel sets the session cookie for the app on purpose.
      document.cookie = `${COOKIE}=; Path=/; Max-Age=0; SameSite=None; Secure`;
      // biome-ignore lint/suspicious/noDocumentCookie: as above.
      document.cookie = `${COOKIE}=; Path=/; Max-Age=0`;
      return;
    }
    // SameSite=None reaches an app on another site (localhost vs 127.0.0.1); browsers that
    // refuse Secure cookies on http get a Lax one, which an app on the same host name still sends.
    // biome-ignore lint/suspicious/noDocumentCookie: as above.
    document.cookie = `${COOKIE}=${value}; Path=/; SameSite=None; Secure`;
    // biome-ignore lint/suspicious/noDocumentCookie: as above.
    if (readCookie() !== value) document.cookie = `${COOKIE}=${value}; Path=/; SameSite=Lax`;
  }

  // --- refresh and poll ---------------------------------------------------------------------
  async function refreshAll() {
    const results = await Promise.allSettled([
      loadScenarios(),
      loadClock(),
      loadWhoami(),
      loadJournal(),
      loadSessions(),
      loadAccounts(),
      loadKeys(),
    ]);
    // Whatever loaded is shown; the first failure is reported.
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    return undefined;
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let polling = false;
  let failures = 0;
  let tick = 0;
  function schedule(ms: number) {
    if (timer === null && !polling) timer = setTimeout(poll, ms);
  }
  async function poll() {
    timer = null;
    if (document.visibilityState !== "visible" || !input("journal-live").checked) return;
    polling = true;
    try {
      const [journalChanged] = await Promise.all([loadJournal(), loadClock()]);
      // Scenarios, whoami, sessions, accounts and keys change less often (or only through other
      // clients); a new request may have taken a counted scenario, so its count is shown now.
      tick += 1;
      if (tick % 4 === 0)
        await Promise.all([
          loadScenarios(),
          loadWhoami(),
          loadSessions(),
          loadAccounts(),
          loadKeys(),
        ]);
      else if (journalChanged) await loadScenarios();
      failures = 0;
      $("journal-state").textContent = "";
    } catch (error) {
      failures += 1;
      $("journal-state").textContent = (error as Error).message;
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
  async function act(action: () => Promise<string | undefined>, done?: string) {
    try {
      const message = await action();
      say(message || done || "");
    } catch (error) {
      say((error as Error).message, true);
    }
  }
  const actions: Record<string, (button: HTMLButtonElement) => Promise<string | undefined>> = {
    async scenario(button) {
      const { variant = "", scenario } = button.dataset;
      const times = timesFor(variant);
      const answer = await call("PUT", `/scenario?variant=${encodeURIComponent(variant)}`, {
        scenario,
        variant,
        ...(times === undefined ? {} : { times }),
      });
      showActive(variant, answer.scenario);
      const pending = pendingOf(answer, variant);
      showPending(variant, pending);
      if (times !== undefined && pending)
        return `The next ${pending.remaining === 1 ? `${titleOf(variant)} login` : `${pending.remaining} ${titleOf(variant)} logins`} in session ${session} get ${pending.name}; then ${answer.scenario || "the request data decides"}.`;
      return `Every ${titleOf(variant)} login in session ${session} now gets ${answer.scenario}.`;
    },
    async clear(button) {
      const { variant = "" } = button.dataset;
      await call("DELETE", `/scenario?variant=${encodeURIComponent(variant)}`);
      showActive(variant, null);
      showPending(variant, null);
      return `${titleOf(variant)} logins in session ${session} are decided by the request data again.`;
    },
    async reset() {
      await call("POST", "/reset");
      lastJournal = "";
      shown = null;
      await refreshAll();
      return `Session ${session} is reset: seeded users, no forced scenarios, the clock at its start, an empty journal.`;
    },
    async "reset-all"() {
      await call("POST", "/reset", { allSessions: true });
      lastJournal = "";
      await refreshAll();
      return "Every session is reset.";
    },
    async clock(button) {
      const seconds = Number(button.dataset.advance);
      const clock = seconds
        ? await call("PUT", "/clock", { advanceSeconds: seconds })
        : await call("DELETE", "/clock");
      await loadClock();
      await loadWhoami();
      return seconds
        ? `Session ${session}'s clock moved ${(button.textContent ?? "").trim()}: it is now ${formatTime(clock.now)}.`
        : `Session ${session} is back on real time.`;
    },
    async whoami() {
      const who = await loadWhoami();
      const credentials = who.credentials as Credential[];
      return `Checked this browser's credentials: ${credentials.length ? credentials.map((c) => `${titleOf(c.variant)} ${c.state}`).join(", ") : "none"}.`;
    },
    async "rotate-keys"() {
      const rotated = await call("POST", "/keys/rotate");
      await loadKeys();
      return `A fresh ${rotated.alg} key (kid ${rotated.kid}) signs new tokens now; ${rotated.kept.length} key${rotated.kept.length === 1 ? " is" : "s are"} published (at most ${rotated.maxKeysKept}).`;
    },
    async "journal-clear"() {
      await call("DELETE", "/requests");
      lastJournal = "";
      await loadJournal();
      return `The journal of session ${session} is empty.`;
    },
  };
  document.addEventListener("click", (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
      "button[data-action]",
    );
    const action = button ? actions[button.dataset.action ?? ""] : undefined;
    if (button && action) act(() => action(button));
  });

  $("session-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = input("session-id");
    const id = field.value.trim() || "default";
    if (!SESSION_ID.test(id)) {
      field.setAttribute("aria-invalid", "true");
      say(
        `A session id is 1 to 64 letters, digits, dots, dashes or underscores; ${JSON.stringify(id)} is not.`,
        true,
      );
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    const useCookie = input("session-cookie").checked;
    session = id;
    if (useCookie) writeCookie(session);
    const url = new URL(location.href);
    if (session === "default") url.searchParams.delete("session");
    else url.searchParams.set("session", session);
    history.replaceState(null, "", url);
    showSession();
    lastJournal = "";
    act(refreshAll, `Now acting on session ${session}.`);
  });
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-accounts-for]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      act(() => addAccount(form));
    });
  }
  // Enter in the token field clicks "Check again", which the click handler above acts on.
  $("whoami-form").addEventListener("submit", (event) => event.preventDefault());
  input("session-cookie").addEventListener("change", () => {
    const checked = input("session-cookie").checked;
    writeCookie(checked ? session : null);
    showSession();
    say(
      checked
        ? `This browser's app requests now carry the ${COOKIE} cookie: session ${session}.`
        : `The ${COOKIE} cookie is removed: this browser's app requests go to session default.`,
    );
  });

  showSession();
  act(refreshAll, `Acting on session ${session}.`).then(() => {
    document.body.dataset.ready = "true";
    schedule(POLL_MS);
  });
}
