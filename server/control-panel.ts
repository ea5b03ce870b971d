/**
 * The QA control panel: one page for every API the mock serves, no build step, no framework.
 * The catalogue, the demo accounts (each spec's `x-login-mock.accounts`) and the mock's signing
 * algorithm are rendered here; the script (panel/panel.ts) fills in what belongs to the session
 * it acts on (forced scenarios, extra accounts, clock, credentials, request journal) and the
 * published keys through the control API, so the page is the same on every port.
 */

import {
  catalogueOf,
  type JwtAlgorithm,
  MAX_DELAY_MS,
  MAX_EXTRA_ACCOUNTS,
  MAX_KEYS_KEPT,
  MAX_SCENARIO_TIMES,
  type Scenario,
} from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { accountRows } from "./account-rows.ts";
import { escapeHtml, renderInlineMarkdown } from "./panel-markup.ts";
import { PANEL_SCRIPT, panelDataBlock } from "./panel-script.ts";
import { PANEL_STYLE } from "./panel-style.ts";

/** Forced scenarios to show pressed before the script has asked, by API id. */
export type ActiveScenarios = Readonly<Record<string, string | null | undefined>>;

/** What the page says of the whole mock, beside its APIs. */
export interface PanelMock {
  /** The algorithm the mock signs tokens with: RS256 and ES256 publish keys and can rotate them. */
  readonly alg?: JwtAlgorithm;
}

/**
 * The panel's HTML. `served` is the id of the API whose server serves it (every API is
 * controlled from any port); `active` is what the first paint shows pressed: each API's forced
 * scenario; `mock` what the keys card says (HS256 unless told).
 *
 * @example renderControlPanel(mock.apis, "billing", { billing: "server-error" }, { alg: mock.alg })
 */
export function renderControlPanel(
  apis: readonly LoginApi[],
  served: string,
  active: ActiveScenarios = {},
  mock: PanelMock = {},
): string {
  const servedTitle = apis.find((api) => api.id === served)?.title ?? served;
  const controls = apis.length === 1 ? "it controls that API" : "it controls every API here";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>login-mock control panel</title>
<style>${PANEL_STYLE}</style>
</head>
<body>
<header>
<h1>login-mock control panel</h1>
<p class="lede muted">Served by the ${escapeHtml(servedTitle)} server; ${controls}. Every change applies to one session only, so parallel test runs and testers never see each other's scenarios, clock or requests.</p>
</header>
<p id="status" role="status" aria-live="polite">Loading the session…</p>
<div class="cards">
${sessionCard()}
${clockCard(apis)}
${whoamiCard()}
${keysCard(mock.alg ?? "HS256")}
</div>
<div class="variants">
${apis.map((api) => apiSection(api, api.id === served, (Object.hasOwn(active, api.id) ? active[api.id] : null) ?? null)).join("\n")}
</div>
${journalSection()}
${panelDataBlock(apis)}
<script>${PANEL_SCRIPT}</script>
</body>
</html>
`;
}

function sessionCard(): string {
  return `<section aria-labelledby="session-heading">
<h2 id="session-heading">Session</h2>
<p>Acting on session <strong id="session-current">default</strong>.</p>
<form id="session-form" class="row">
<label for="session-id">Session id</label>
<input type="text" id="session-id" name="session" list="known-sessions" value="default" autocomplete="off" spellcheck="false" aria-describedby="session-help">
<datalist id="known-sessions"></datalist>
<button type="submit">Use this session</button>
</form>
<p id="session-help" class="muted">Letters, digits, <code>.</code> <code>_</code> <code>-</code>; the panel sends it as <code>X-Mock-Session</code>. Your tests do the same, or set the <code>mock-session</code> cookie.</p>
<p><input type="checkbox" id="session-cookie"> <label for="session-cookie">Also put this browser's app requests in this session (sets the <code>mock-session</code> cookie for this host name)</label></p>
<p id="cookie-state" class="muted"></p>
<p class="row"><button type="button" data-action="reset" id="reset">Reset this session</button> <button type="button" data-action="reset-all" class="danger">Reset every session</button></p>
<p id="sessions-summary" class="muted"></p>
</section>`;
}

function clockCard(apis: readonly LoginApi[]): string {
  const lifetimes = apis
    .map((api) => `${escapeHtml(api.title)} ${formatLifetime(api.token.lifetimeSeconds)}`)
    .join(", ");
  return `<section aria-labelledby="clock-heading">
<h2 id="clock-heading">Clock</h2>
<p>Mock time: <time id="clock-now" class="big">…</time></p>
<p id="clock-offset" class="muted">real time</p>
<p class="row">
<button type="button" data-action="clock" data-advance="3600" id="clock-hour">+1 h</button>
<button type="button" data-action="clock" data-advance="86400" id="clock-day">+1 day</button>
<button type="button" data-action="clock" data-advance="0" id="clock-real">Real time</button>
</p>
<p class="muted">Tokens issued and checked in this session use this clock: jump past a token's lifetime (${lifetimes}, as the specs document them) to see your app handle an expired session.</p>
</section>`;
}

function whoamiCard(): string {
  return `<section aria-labelledby="whoami-heading">
<h2 id="whoami-heading">This browser's login</h2>
<ul id="whoami-list"><li>…</li></ul>
<form id="whoami-form">
<p class="row"><label for="bearer">Bearer token</label><input type="text" id="bearer" placeholder="optional: paste a token" autocomplete="off" spellcheck="false"></p>
<p class="row"><button type="submit" data-action="whoami" id="whoami-check">Check again</button></p>
</form>
<p class="muted">Cookies belong to a host name, not a port: log in through your app against this host name and a token cookie it sets shows here. A token your app got in a body or header: paste it above.</p>
</section>`;
}

function apiSection(api: LoginApi, served: boolean, active: string | null): string {
  const id = escapeHtml(api.id);
  const title = escapeHtml(api.title);
  const rows = catalogueOf(api)
    .map((scenario) => scenarioRow(scenario, active))
    .join("\n");
  const accounts = accountRows(api)
    .map(
      (row) =>
        `<tr><td><code>${escapeHtml(row.identity)}</code></td><td><code>${escapeHtml(row.secret)}</code></td><td>${escapeHtml(row.outcome)}</td></tr>`,
    )
    .join("\n");
  return `<section id="variant-${id}" data-variant="${id}" aria-labelledby="heading-${id}">
<h2 id="heading-${id}">${title} <code>${id}</code>${served ? ' <span class="tag">this server</span>' : ""}</h2>
<p>${escapeHtml(api.operation.method)} <code>${escapeHtml(api.operation.path)}</code>. Forced scenario: <strong data-active-for="${id}">${escapeHtml(active ?? "none (the request data decides)")}</strong></p>
<p class="pending" data-pending-for="${id}" data-remaining="0">No counted scenario queued.</p>
${timesControl(id)}
<h3>Scenarios</h3>
<p class="muted">Press one: it goes to the ${title} logins of this session chosen above (every one until you clear it, or only the next n, then as before). Refresh and logout requests are not affected.</p>
<table><thead><tr><th scope="col">scenario</th><th scope="col">status</th><th scope="col">what it is</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h3>Demo accounts</h3>
<table><thead><tr><th scope="col">${escapeHtml(api.request.identity)}</th><th scope="col">${escapeHtml(api.request.secret)}</th><th scope="col">outcome</th></tr></thead>
<tbody>
${accounts}
</tbody></table>
${outcomeAccounts(api)}
</section>`;
}

/** Every login until cleared, the next one only, or the next n: what a scenario button sets. */
function timesControl(id: string): string {
  const mode = (value: string, label: string, extra = "") =>
    `<input type="radio" name="times-mode-${id}" id="times-${value}-${id}" data-times-mode-for="${id}" value="${value}"${extra}> <label for="times-${value}-${id}">${label}</label>`;
  return `<fieldset class="row times" aria-describedby="times-help-${id}">
<legend>A scenario pressed below goes to</legend>
${mode("every", "every login until you clear it", " checked")}
${mode("once", "the next login only")}
<span>${mode("n", "the next", ' aria-label="the next n logins"')} <input type="number" id="times-${id}" data-times-for="${id}" min="1" max="${MAX_SCENARIO_TIMES}" step="1" placeholder="n" aria-label="how many logins"> <label for="times-${id}">logins</label></span>
<button type="button" data-action="clear" data-variant="${id}">Clear</button>
<span id="times-help-${id}" class="muted">Counted ones (1 to ${MAX_SCENARIO_TIMES}) are served first, then the forced one, if any.</span>
</fieldset>`;
}

/**
 * The session's extra accounts of `api` (filled in by the script, never a secret) and a form
 * adding one: its outcome is one of the API's response examples, as POST /__mock/accounts takes.
 */
function outcomeAccounts(api: LoginApi): string {
  const id = escapeHtml(api.id);
  const identity = escapeHtml(api.request.identity);
  const secret = escapeHtml(api.request.secret);
  const answers = catalogueOf(api)
    .filter((scenario) => scenario.kind === "response")
    .map(
      (scenario) =>
        `<option value="${escapeHtml(scenario.name)}">${scenario.status} ${escapeHtml(scenario.name)}</option>`,
    )
    .join("");
  return `<h3 id="accounts-heading-${id}">Accounts with their own outcome, in this session</h3>
<form class="account-form" data-accounts-for="${id}" aria-labelledby="accounts-heading-${id}">
<p class="row"><label for="account-identity-${id}">${identity}</label><input type="text" id="account-identity-${id}" name="identity" required autocomplete="off" spellcheck="false">
<label for="account-secret-${id}">${secret}</label><input type="password" id="account-secret-${id}" name="secret" autocomplete="new-password" placeholder="optional for a demo account"></p>
<p class="row"><label for="account-answer-${id}">outcome</label><select id="account-answer-${id}" name="answer"><option value="">none: the ${secret} decides</option>${answers}</select>
<label for="account-delay-${id}">delay (ms)</label><input type="number" id="account-delay-${id}" name="delayMs" min="0" max="${MAX_DELAY_MS}" step="1" placeholder="0">
<button type="submit">Add account</button></p>
<p class="field-bad" data-accounts-error-for="${id}"></p>
</form>
<table><thead><tr><th scope="col">${identity}</th><th scope="col">${secret}</th><th scope="col">outcome</th><th scope="col">delay</th></tr></thead>
<tbody data-extra-accounts-for="${id}"><tr><td colspan="4" class="muted">…</td></tr></tbody></table>
<p class="muted">Once its ${secret} is right, a login as the account answers its outcome (a wrong one is still wrong); a forced scenario still wins. At most ${MAX_EXTRA_ACCOUNTS} per session; other sessions never see them, and a reset of this session drops them. A ${secret} is never shown.</p>`;
}

/** 7200 → `2 h`, 90 → `90 s`: a token lifetime as the clock card shows it. */
function formatLifetime(seconds: number): string {
  if (seconds % 86400 === 0 && seconds > 86400) return `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function scenarioRow(scenario: Scenario, active: string | null): string {
  const name = escapeHtml(scenario.name);
  const pressed = scenario.name === active ? "true" : "false";
  const ways = scenario.howToReach.map((way) => `<li>${renderInlineMarkdown(way)}</li>`).join("");
  return `<tr><td><button type="button" data-action="scenario" data-variant="${escapeHtml(scenario.variant)}" data-scenario="${name}" aria-pressed="${pressed}">${name}</button></td><td class="num">${scenario.status ?? "fault"}</td><td>${renderInlineMarkdown(scenario.summary)}<details><summary>How to reach it</summary><ul>${ways}</ul></details></td></tr>`;
}

/**
 * The mock's signing keys (mock-wide): for RS256/ES256, the JWKS's kids (the script lists
 * them: kid, kty and alg only) and a rotate button; HS256 has a shared secret and nothing to show.
 */
function keysCard(alg: JwtAlgorithm): string {
  const head = `<section id="keys" aria-labelledby="keys-heading" data-alg="${escapeHtml(alg)}">
<h2 id="keys-heading">Signing keys</h2>`;
  if (alg === "HS256")
    return `${head}
<p>Tokens are signed <strong id="keys-alg">HS256</strong> with a shared secret: <code>/.well-known/jwks.json</code> publishes no key, and there is none to rotate.</p>
<p class="muted">Start the mock with <code>--alg RS256</code> or <code>--alg ES256</code> to verify its tokens with public keys, as a backend does with a real identity provider.</p>
</section>`;
  return `${head}
<p>Tokens are signed <strong id="keys-alg">${escapeHtml(alg)}</strong>; the public keys at <code>/.well-known/jwks.json</code>, oldest first (the last one signs):</p>
<table id="keys-table"><thead><tr><th scope="col">kid</th><th scope="col">kty</th><th scope="col">alg</th><th scope="col"></th></tr></thead>
<tbody id="keys-list"><tr><td colspan="4" class="muted">…</td></tr></tbody></table>
<p class="row"><button type="button" data-action="rotate-keys" id="keys-rotate">Rotate key</button></p>
<p class="muted">Mock-wide: every port and session shares the keys. A rotation makes a fresh key sign; the last ${MAX_KEYS_KEPT} stay published, so tokens signed by an older one verify until it drops off.</p>
</section>`;
}

function journalSection(): string {
  return `<section id="journal" aria-labelledby="journal-heading">
<h2 id="journal-heading">Requests in this session</h2>
<p class="row"><input type="checkbox" id="journal-live" checked> <label for="journal-live">Refresh every 1.5 s while this tab is visible</label>
<button type="button" data-action="journal-clear" id="journal-clear">Clear the journal</button>
<span id="journal-state" class="field-bad"></span></p>
<p id="journal-summary" class="muted">…</p>
<table id="journal-table"><thead><tr><th scope="col">time</th><th scope="col">API</th><th scope="col">operation</th><th scope="col">request</th><th scope="col">status</th><th scope="col">scenario</th><th scope="col">fields (never their values)</th></tr></thead>
<tbody id="journal-rows"></tbody></table>
</section>`;
}
