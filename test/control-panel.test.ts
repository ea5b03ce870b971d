/**
 * The control panel's HTML, without a server (one page for both APIs, built from the catalogue
 * and the demo accounts, usable by keyboard, and within the panel's CSP), and as a server with
 * each signing algorithm serves it. Its behaviour in a browser is in
 * test/browser/control-panel.test.ts.
 */
import { describe, expect, it } from "vitest";
import { catalogueOf } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { SESSION_COOKIE, SESSION_ID_PATTERN } from "../mocks/core/sessions/session-id.ts";
import { MAX_KEYS_KEPT } from "../mocks/core/tokens/key-set.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { renderControlPanel } from "../server/control-panel.ts";
import { JWKS_PATH } from "../server/create-server.ts";
import { escapeHtml, renderInlineMarkdown } from "../server/panel-markup.ts";
import { PANEL_SCRIPT, panelDataBlock } from "../server/panel-script.ts";
import { PANEL_STYLE } from "../server/panel-style.ts";
import { useHttpServers } from "./support/http-servers.ts";

const apis = builtInApis();
const ids = apis.map((api) => api.id);
const html = renderControlPanel(apis, "seamless", { talkstack: "user-not-found", seamless: null });
/** The page without its scripts and style, where markup is judged. */
const markup = html
  .replace(/<script[ >][\s\S]*?<\/script>/g, "")
  .replace(/<style>[\s\S]*<\/style>/, "");
const section = (variant: string, page = markup) =>
  page.match(new RegExp(`<section id="variant-${variant}"[\\s\\S]*?</section>`))?.[0] ?? "";
/** The keys card of a page. */
const keysCard = (page: string) => page.match(/<section id="keys"[\s\S]*?<\/section>/)?.[0] ?? "";
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
    const inputs = [...markup.matchAll(/<(?:input|select)[^>]*id="([^"]+)"/g)].map((m) => m[1]);
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
      // The keys card reads the public keys where every port publishes them.
      JSON.stringify(JWKS_PATH),
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

describe("the control panel's controls for what a session holds", () => {
  it("adds accounts with an outcome of the API's own response examples, the secret in a password field", () => {
    for (const api of apis) {
      const form =
        section(api.id).match(/<form class="account-form"[\s\S]*?<\/form>/)?.[0] ?? "missing";
      expect(form).toContain(`data-accounts-for="${api.id}"`);
      expect(form).toMatch(
        new RegExp(`<label for="account-identity-${api.id}">${api.request.identity}</label>`),
      );
      expect(form).toMatch(
        /<input type="text" id="account-identity-[^"]+" name="identity" required/,
      );
      expect(form).toMatch(
        /<input type="password" id="account-secret-[^"]+" name="secret" autocomplete="new-password"/,
      );
      expect(form).toMatch(/<input type="number" id="account-delay-[^"]+" name="delayMs" min="0"/);
      const options = [...form.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
      expect(options).toEqual(["", ...api.examples.map((example) => example.name)]);
      expect(form).toContain('<button type="submit">Add account</button>');
      expect(section(api.id)).toContain(`<tbody data-extra-accounts-for="${api.id}">`);
    }
    expect(section("talkstack")).toContain(
      '<option value="account-not-verified">403 account-not-verified</option>',
    );
  });

  it("offers every login until cleared, the next login only or the next n, and a line for what is queued", () => {
    for (const api of apis) {
      const times = section(api.id).match(/<fieldset class="row times"[\s\S]*?<\/fieldset>/)?.[0];
      const modes = [...(times ?? "").matchAll(/type="radio"[^>]*value="([^"]+)"/g)];
      expect(modes.map((m) => m[1])).toEqual(["every", "once", "n"]);
      expect(times).toMatch(/value="every" checked>/);
      expect(times).toContain("the next login only");
      expect(times).toContain(`data-times-for="${api.id}" min="1" max="1000"`);
      expect(section(api.id)).toContain(
        `<p class="pending" data-pending-for="${api.id}" data-remaining="0">`,
      );
    }
  });

  it("shows each journal entry's operation, and a revoked credential as a bad state", () => {
    expect(markup).toMatch(/<th scope="col">API<\/th><th scope="col">operation<\/th>/);
    expect(PANEL_SCRIPT).toContain("entry.operation");
    expect(PANEL_STYLE).toMatch(/\.state-revoked[,\s{]/);
    expect(PANEL_SCRIPT).toContain("ended by a logout or a reused refresh token");
  });

  it("says an HS256 mock has no keys to rotate, and lists an RS256 or ES256 mock's with a rotate button", () => {
    const hs = keysCard(markup);
    expect(hs).toContain('<strong id="keys-alg">HS256</strong>');
    expect(hs).not.toContain("keys-rotate");
    expect(hs).not.toContain("keys-list");
    for (const alg of ["RS256", "ES256"] as const) {
      const card = keysCard(renderControlPanel(apis, "seamless", {}, { alg }));
      expect(card).toContain(`<strong id="keys-alg">${alg}</strong>`);
      expect(card).toContain('<tbody id="keys-list">');
      expect(card).toContain('<button type="button" data-action="rotate-keys" id="keys-rotate">');
      expect(card).toContain(`the last ${MAX_KEYS_KEPT} stay published`);
    }
    // Only kid, kty and alg of a key are read: never its numbers.
    expect(PANEL_SCRIPT).not.toMatch(/key\.(n|e|x|y|d|crv)\b/);
  });
});

describe("the control panel as a server serves it", () => {
  const hs256 = useHttpServers();
  const rs256 = useHttpServers({ alg: "RS256" });
  const page = async (servers: typeof hs256) =>
    (await fetch(`${servers.url("talkstack")}/__mock/`)).text();

  it("names the mock's own signing algorithm, with a rotate button only where keys rotate", async () => {
    const rs = keysCard(await page(rs256));
    expect(rs).toContain('<strong id="keys-alg">RS256</strong>');
    expect(rs).toContain('id="keys-rotate"');
    const hs = keysCard(await page(hs256));
    expect(hs).toContain('<strong id="keys-alg">HS256</strong>');
    expect(hs).not.toContain('id="keys-rotate"');
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
