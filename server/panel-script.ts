/**
 * The control panel's script and its data, as the page inlines them (the CSP allows inline
 * scripts and same-origin fetches only). The script is `runPanel` (panel/panel.ts), a real
 * module that tsc checks and biome lints, inlined as its own source text: whatever compiled it
 * (Node's type stripping, Vitest, the bundle) gives plain JavaScript. What varies is data: the
 * APIs, and the session-id rule and cookie name from mocks/core/sessions/session-id.ts (so the panel
 * checks ids exactly as the server does), in a JSON block the script reads.
 */
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { type PanelData, runPanel } from "./panel/panel.ts";

/** The panel's script: `runPanel`'s source, called once. */
export const PANEL_SCRIPT = `"use strict";\n(${runPanel.toString()})();\n`;
// A `</script` inside would end the inline script early.
if (/<\/script/i.test(PANEL_SCRIPT)) throw new Error("[login-mock] The panel script has </script.");

export function panelData(apis: readonly LoginApi[]): PanelData {
  return {
    apis: apis.map((api) => ({ id: api.id, title: api.title })),
    sessionIdPattern: SESSION_ID_PATTERN.source,
    sessionCookie: SESSION_COOKIE,
  };
}

/**
 * The data as a JSON block the script reads (`#panel-data`). `<`, `>`, `&` and the two JSON
 * line separators JavaScript once refused are escaped, so no title can end the block.
 */
export function panelDataBlock(apis: readonly LoginApi[]): string {
  const json = JSON.stringify(panelData(apis)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script type="application/json" id="panel-data">${json}</script>`;
}
