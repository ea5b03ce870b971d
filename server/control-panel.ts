/**
 * The QA control panel: one page for every API the mock serves, no build step, no framework.
 * The catalogue and the demo accounts (each spec's `x-login-mock.accounts`) are rendered here;
 * the script (panel/panel.ts) fills in what belongs to the session it acts on (forced
 * scenarios, clock, credentials, request journal) through the control API, so the page is the
 * same on every port.
 */

import { catalogueOf, MAX_SCENARIO_TIMES, type Scenario } from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { accountRows } from "./account-rows.ts";
import { escapeHtml, renderInlineMarkdown } from "./panel-markup.ts";
import { PANEL_SCRIPT, panelDataBlock } from "./panel-script.ts";
import { PANEL_STYLE } from "./panel-style.ts";

/** Forced scenarios to show pressed before the script has asked, by API id. */
export type ActiveScenarios = Readonly<Record<string, string | null | undefined>>;

/**
 * The panel's HTML. `served` is the id of the API whose server serves it (every API is
 * controlled from any port); `active` is what the first paint shows pressed: each API's forced
 * scenario.
 *
 * @example renderControlPanel(mock.apis, "billing", { billing: "server-error" })
 */
export function renderControlPanel(
  apis: readonly LoginApi[],
  served: string,
  active: ActiveScenarios = {},
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
<p>${escapeHtml(api.operation.method)} <code>${escapeHtml(api.operation.path)}</code>. Forced scenario: <strong data-active-for="${id}">${escapeHtml(active ?? "none (the request data decides)")}</strong> <span class="muted" data-pending-for="${id}"></span></p>
<p class="row"><label for="times-${id}">Only the next</label><input type="number" id="times-${id}" data-times-for="${id}" min="1" max="${MAX_SCENARIO_TIMES}" step="1" placeholder="all" aria-describedby="times-help-${id}"> <span id="times-help-${id}" class="muted">logins (empty: every login until you clear it)</span>
<button type="button" data-action="clear" data-variant="${id}">Clear</button></p>
<h3>Scenarios</h3>
<p class="muted">Press one: every ${title} login in this session gets it until you clear it; with a number above, only the next that many, then as before.</p>
<table><thead><tr><th scope="col">scenario</th><th scope="col">status</th><th scope="col">what it is</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h3>Demo accounts</h3>
<table><thead><tr><th scope="col">${escapeHtml(api.request.identity)}</th><th scope="col">${escapeHtml(api.request.secret)}</th><th scope="col">outcome</th></tr></thead>
<tbody>
${accounts}
</tbody></table>
</section>`;
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

function journalSection(): string {
  return `<section id="journal" aria-labelledby="journal-heading">
<h2 id="journal-heading">Requests in this session</h2>
<p class="row"><input type="checkbox" id="journal-live" checked> <label for="journal-live">Refresh every 1.5 s while this tab is visible</label>
<button type="button" data-action="journal-clear" id="journal-clear">Clear the journal</button>
<span id="journal-state" class="field-bad"></span></p>
<p id="journal-summary" class="muted">…</p>
<table id="journal-table"><thead><tr><th scope="col">time</th><th scope="col">API</th><th scope="col">request</th><th scope="col">status</th><th scope="col">scenario</th><th scope="col">fields (never their values)</th></tr></thead>
<tbody id="journal-rows"></tbody></table>
</section>`;
}
