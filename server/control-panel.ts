/**
 * The QA control panel: one page, no build step, no framework. Server-rendered from the
 * scenario catalogue and the demo accounts; a few lines of script call the control API.
 */

import { scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../mocks/store/demo-accounts.ts";
import type { Variant } from "../openapi/documents.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderControlPanel(variant: Variant, active: string | null): string {
  const accounts = Object.values(variant === "talkstack" ? TALKSTACK_DEMO : SEAMLESS_DEMO);
  const rows = scenariosOf(variant)
    .map((scenario) => {
      const name = escapeHtml(scenario.name);
      const pressed = scenario.name === active ? "true" : "false";
      return `<tr><td><button type="button" data-scenario="${name}" aria-pressed="${pressed}">${name}</button></td><td>${scenario.status ?? "fault"}</td><td>${escapeHtml(scenario.summary)}</td></tr>`;
    })
    .join("\n");
  const accountRows = accounts
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.email)}</code></td><td><code>${escapeHtml(a.password)}</code></td><td>${escapeHtml(a.outcome)}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>login-mock · ${variant} control panel</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem; max-width: 60rem; color: #1d232a; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
  td, th { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e3e6ea; }
  button { font: inherit; padding: .25rem .7rem; border: 1px solid #8a94a0; border-radius: 4px; background: #fff; cursor: pointer; }
  button[aria-pressed="true"] { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  #status { padding: .6rem .8rem; background: #f3f5f7; border-radius: 4px; }
</style>
</head>
<body>
<h1>login-mock · ${variant}</h1>
<p id="status" role="status">Active scenario: <strong id="active">${escapeHtml(active ?? "none (the request data decides)")}</strong></p>
<p><button type="button" id="clear">Clear scenario</button> <button type="button" id="reset">Reset store</button></p>
<h2>Scenarios</h2>
<p>Click one: every following <code>POST /auth/login</code> gets it, until you clear it.</p>
<table><thead><tr><th>scenario</th><th>status</th><th>what it is</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Demo accounts</h2>
<table><thead><tr><th>email</th><th>password</th><th>outcome</th></tr></thead>
<tbody>
${accountRows}
</tbody></table>
<script>
  const show = (name) => {
    document.getElementById("active").textContent = name ?? "none (the request data decides)";
    for (const button of document.querySelectorAll("[data-scenario]")) {
      button.setAttribute("aria-pressed", String(button.dataset.scenario === name));
    }
  };
  const call = async (method, path, body) => {
    const response = await fetch("/__mock" + path, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
    if (!response.ok) { document.getElementById("active").textContent = (await response.json()).detail; throw new Error(); }
    return response.json();
  };
  for (const button of document.querySelectorAll("[data-scenario]")) {
    button.addEventListener("click", async () => show((await call("PUT", "/scenario", { scenario: button.dataset.scenario })).scenario));
  }
  document.getElementById("clear").addEventListener("click", async () => show((await call("DELETE", "/scenario")).scenario));
  document.getElementById("reset").addEventListener("click", async () => { await call("POST", "/reset"); show(null); });
</script>
</body>
</html>
`;
}
