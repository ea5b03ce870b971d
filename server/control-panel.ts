/**
 * The QA control panel: one page for both APIs, no build step, no framework. The catalogue and
 * the demo accounts are rendered here; the script (panel-script.ts) fills in what belongs to
 * the session it acts on (forced scenarios, clock, credentials, request journal) through the
 * control API, so the page is the same on either port.
 */

import { type Scenario, scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import {
  type DemoAccount,
  SEAMLESS_DEMO,
  TALKSTACK_DEMO,
  UNKNOWN_EMAIL,
} from "../mocks/store/demo-accounts.ts";
import { VARIANT_TITLES, VARIANTS, type Variant } from "../openapi/documents.ts";
import { escapeHtml, renderInlineMarkdown } from "./panel-markup.ts";
import { PANEL_SCRIPT } from "./panel-script.ts";
import { PANEL_STYLE } from "./panel-style.ts";

const ACCOUNTS: Record<Variant, readonly DemoAccount[]> = {
  talkstack: [
    ...Object.values(TALKSTACK_DEMO),
    {
      email: UNKNOWN_EMAIL.talkstack,
      password: "(any)",
      outcome: "404 user-not-found (not seeded)",
    },
  ],
  seamless: [
    ...Object.values(SEAMLESS_DEMO),
    {
      email: UNKNOWN_EMAIL.seamless,
      password: "(any)",
      outcome: "401 invalid-credentials (not seeded)",
    },
  ],
};

/** Forced scenarios to show pressed before the script has asked: one name, or one per variant. */
export type ActiveScenarios = Partial<Record<Variant, string | null>>;

/**
 * The panel's HTML. `variant` is the server that serves it (both are controlled from either);
 * `active` is what the first paint shows pressed: each API's forced scenario.
 *
 * @example renderControlPanel("seamless", { talkstack: null, seamless: "recaptcha-failed" })
 */
export function renderControlPanel(variant: Variant, active: ActiveScenarios = {}): string {
  const activeOf = (v: Variant) => active[v] ?? null;
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
<p class="lede muted">Served by the ${VARIANT_TITLES[variant]} server; it controls both APIs. Every change applies to one session only, so parallel test runs and testers never see each other's scenarios, clock or requests.</p>
</header>
<p id="status" role="status" aria-live="polite">Loading the session…</p>
<div class="cards">
${sessionCard()}
${clockCard()}
${whoamiCard()}
</div>
<div class="variants">
${VARIANTS.map((v) => variantSection(v, v === variant, activeOf(v))).join("\n")}
</div>
${journalSection()}
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

function clockCard(): string {
  return `<section aria-labelledby="clock-heading">
<h2 id="clock-heading">Clock</h2>
<p>Mock time: <time id="clock-now" class="big">…</time></p>
<p id="clock-offset" class="muted">real time</p>
<p class="row">
<button type="button" data-action="clock" data-advance="3600" id="clock-hour">+1 h</button>
<button type="button" data-action="clock" data-advance="86400" id="clock-day">+1 day</button>
<button type="button" data-action="clock" data-advance="0" id="clock-real">Real time</button>
</p>
<p class="muted">Tokens issued and checked in this session use this clock: jump past a token's lifetime (TalkStack 2 h, Seamless 24 h) to see your app handle an expired session.</p>
</section>`;
}

function whoamiCard(): string {
  return `<section aria-labelledby="whoami-heading">
<h2 id="whoami-heading">This browser's login</h2>
<ul id="whoami-list"><li>…</li></ul>
<form id="whoami-form">
<p class="row"><label for="bearer">TalkStack token</label><input type="text" id="bearer" placeholder="optional: paste a token" autocomplete="off" spellcheck="false"></p>
<p class="row"><button type="submit" data-action="whoami" id="whoami-check">Check again</button></p>
</form>
<p class="muted">Cookies belong to a host name, not a port: log in through your app against this host name and its <code>token</code> cookie shows here.</p>
</section>`;
}

function variantSection(variant: Variant, served: boolean, active: string | null): string {
  const title = VARIANT_TITLES[variant];
  const rows = scenariosOf(variant)
    .map((scenario) => scenarioRow(scenario, active))
    .join("\n");
  const accounts = ACCOUNTS[variant]
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.email)}</code></td><td><code>${escapeHtml(a.password)}</code></td><td>${escapeHtml(a.outcome)}</td></tr>`,
    )
    .join("\n");
  return `<section id="variant-${variant}" data-variant="${variant}" aria-labelledby="heading-${variant}">
<h2 id="heading-${variant}">${title}${served ? ' <span class="tag">this server</span>' : ""}</h2>
<p>Forced scenario: <strong data-active-for="${variant}">${escapeHtml(active ?? "none (the request data decides)")}</strong>
<button type="button" data-action="clear" data-variant="${variant}">Clear</button></p>
<h3>Scenarios</h3>
<p class="muted">Press one: every ${title} login in this session gets it until you clear it.</p>
<table><thead><tr><th scope="col">scenario</th><th scope="col">status</th><th scope="col">what it is</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h3>Demo accounts</h3>
<table><thead><tr><th scope="col">email</th><th scope="col">password</th><th scope="col">outcome</th></tr></thead>
<tbody>
${accounts}
</tbody></table>
</section>`;
}

function scenarioRow(scenario: Scenario, active: string | null): string {
  const name = escapeHtml(scenario.name);
  const pressed = scenario.name === active ? "true" : "false";
  const ways = scenario.howToReach.map((way) => `<li>${renderInlineMarkdown(way)}</li>`).join("");
  return `<tr><td><button type="button" data-action="scenario" data-variant="${scenario.variant}" data-scenario="${name}" aria-pressed="${pressed}">${name}</button></td><td class="num">${scenario.status ?? "fault"}</td><td>${renderInlineMarkdown(scenario.summary)}<details><summary>How to reach it</summary><ul>${ways}</ul></details></td></tr>`;
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
