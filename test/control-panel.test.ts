/**
 * The control panel's HTML, without a server: one page for both APIs, built from the catalogue
 * and the demo accounts, usable by keyboard, and within the panel's CSP. Its behaviour in a
 * browser is in test/browser/control-panel.test.ts.
 */
import { describe, expect, it } from "vitest";
import { catalogueOf } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../mocks/core/sessions/session-id.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { renderControlPanel } from "../server/control-panel.ts";
import { escapeHtml, renderInlineMarkdown } from "../server/panel-markup.ts";
import { PANEL_SCRIPT, panelDataBlock } from "../server/panel-script.ts";

const apis = builtInApis();
const ids = apis.map((api) => api.id);
const html = renderControlPanel(apis, "seamless", { talkstack: "user-not-found", seamless: null });
/** The page without its scripts and style, where markup is judged. */
const markup = html
  .replace(/<script[ >][\s\S]*?<\/script>/g, "")
  .replace(/<style>[\s\S]*<\/style>/, "");
const section = (variant: string) =>
  markup.match(new RegExp(`<section id="variant-${variant}"[\\s\\S]*?</section>`))?.[0] ?? "";
/** The JSON the page hands its script. */
const dataOf = (page: string) =>
  JSON.parse(
    /<script type="application\/json" id="panel-data">([^<]*)<\/script>/.exec(page)?.[1] ?? "null",
  ) as { apis: { id: string; title: string }[]; sessionIdPattern: string; sessionCookie: string };

describe("the control panel page", () => {
  it("has a section per API with a button for every scenario of that API", () => {
    expect(ids).toEqual(["talkstack", "seamless"]);
    for (const api of apis) {
      const buttons = [...section(api.id).matchAll(/data-scenario="([^"]+)"/g)].map((m) => m[1]);
      expect(buttons, api.id).toEqual(catalogueOf(api).map((scenario) => scenario.name));
      for (const other of ids.filter((id) => id !== api.id))
        expect(section(api.id)).not.toContain(`data-variant="${other}"`);
      expect(section(api.id)).toContain(`<h2 id="heading-${api.id}">${escapeHtml(api.title)}`);
    }
  });

  it("marks the server that serves it and presses each API's forced scenario", () => {
    expect(section("seamless")).toContain("this server");
    expect(section("talkstack")).not.toContain("this server");
    expect(markup.match(/aria-pressed="true"/g)).toHaveLength(1);
    expect(section("talkstack")).toMatch(/data-scenario="user-not-found" aria-pressed="true"/);
    const served = renderControlPanel(apis, "talkstack", { talkstack: "login-failed" });
    expect(served).toMatch(
      /data-variant="talkstack" data-scenario="login-failed" aria-pressed="true"/,
    );
  });

  it("lists every demo account each spec declares, and its unknown identity, under its own field names", () => {
    for (const account of [...Object.values(TALKSTACK_DEMO), ...Object.values(SEAMLESS_DEMO)])
      expect(markup).toContain(`<code>${account.email}</code>`);
    for (const api of apis) {
      expect(section(api.id)).toContain(
        `<th scope="col">${api.request.identity}</th><th scope="col">${api.request.secret}</th>`,
      );
      for (const account of api.accounts)
        expect(section(api.id)).toContain(
          `<code>${escapeHtml(account.identity)}</code></td><td><code>${escapeHtml(account.secret)}</code>`,
        );
    }
    expect(section("talkstack")).toContain(
      `<code>${UNKNOWN_EMAIL.talkstack}</code></td><td><code>(any)</code></td><td>404 user-not-found (no such account)`,
    );
    expect(section("seamless")).toContain(
      `<code>${UNKNOWN_EMAIL.seamless}</code></td><td><code>(any)</code></td><td>401 invalid-credentials (no such account)`,
    );
    expect(section("talkstack")).toContain(
      `<code>${TALKSTACK_DEMO.unverified.email}</code></td><td><code>${TALKSTACK_DEMO.unverified.password}</code></td><td>403 account-not-verified`,
    );
  });

  it("says each API's token lifetime, from its spec", () => {
    const hint = apis.map(
      (api) => `${escapeHtml(api.title)} ${api.token.lifetimeSeconds / 3600} h`,
    );
    expect(hint).toEqual([
      escapeHtml("TalkStack AI — Login 2 h"),
      escapeHtml("Seamless (Oriserve) — Login 24 h"),
    ]);
    expect(markup).toContain(
      `jump past a token's lifetime (${hint.join(", ")}, as the specs document them)`,
    );
  });

  it("names no API in its own words: one API's page is about that API only", () => {
    const seamlessOnly = apis.filter((api) => api.id === "seamless");
    const page = renderControlPanel(seamlessOnly, "seamless");
    expect(page).not.toMatch(/talkstack/i);
    expect(page).toContain("it controls that API");
    expect(page).toContain('<label for="bearer">Bearer token</label>');
    expect(dataOf(page).apis).toEqual([{ id: "seamless", title: "Seamless (Oriserve) — Login" }]);
  });

  it("renders the catalogue's backticks as <code> and never shows one raw", () => {
    expect(section("seamless")).toContain("user configuration in <code>data</code>");
    expect(markup).not.toContain("`");
  });

  it("gives every button a type and every input a label", () => {
    for (const [button] of markup.matchAll(/<button[^>]*>/g)) expect(button).toMatch(/type="/);
    const inputs = [...markup.matchAll(/<input[^>]*id="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) expect(markup, id).toContain(`<label for="${id}"`);
    expect(markup).toMatch(/id="status" role="status" aria-live="polite"/);
  });

  it("needs nothing its CSP forbids: no external resources, no inline handlers", () => {
    expect(markup).not.toMatch(/\s(src|href)=/);
    expect(markup).not.toMatch(/\son[a-z]+=/);
    // connect-src 'self': the script calls this server's /__mock/ only.
    expect([...PANEL_SCRIPT.matchAll(/fetch\(([^,]+),/g)].map((m) => m[1])).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own source text.
      "`/__mock${path}`",
    ]);
  });

  it("ships a script that parses, stands alone and gets what varies as data", () => {
    expect(() => new Function(PANEL_SCRIPT)).not.toThrow();
    // Compiled from panel/panel.ts: no type left, nothing imported, no API named.
    expect(PANEL_SCRIPT).not.toMatch(/\bimport\b|\bexport\b|__vite_ssr|require\(/);
    expect(PANEL_SCRIPT).not.toMatch(/talkstack|seamless/i);
    expect(dataOf(html)).toEqual({
      apis: apis.map((api) => ({ id: api.id, title: api.title })),
      sessionIdPattern: SESSION_ID_PATTERN.source,
      sessionCookie: SESSION_COOKIE,
    });
    expect(html.indexOf('id="panel-data"')).toBeLessThan(html.indexOf(PANEL_SCRIPT));
  });

  it("keeps the data block a data block whatever a spec's title says", () => {
    const [first] = apis;
    if (!first) throw new Error("no preset");
    const hostile: LoginApi = { ...first, title: "</script><script>alert(1)</script>\u2028&" };
    const block = panelDataBlock([hostile]);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(block).not.toContain("<script>alert");
    const json = /id="panel-data">([^<]*)<\/script>/.exec(block)?.[1] ?? "";
    expect(JSON.parse(json).apis[0].title).toBe(hostile.title);
    expect(renderControlPanel([hostile], first.id)).not.toContain("<script>alert");
  });
});

describe("renderInlineMarkdown", () => {
  it("escapes HTML first, then renders backticked spans as <code>", () => {
    expect(renderInlineMarkdown("in `data` & <b>`<i>`</b>")).toBe(
      "in <code>data</code> &#38; &#60;b&#62;<code>&#60;i&#62;</code>&#60;/b&#62;",
    );
  });

  it("leaves an unpaired backtick as it is", () => {
    expect(renderInlineMarkdown("a ` b")).toBe("a ` b");
  });

  it("escapes quotes for attributes", () => {
    expect(escapeHtml(`"x' `)).toBe("&#34;x&#39; ");
  });
});
