/**
 * The control panel's HTML, without a server: one page for both APIs, built from the catalogue
 * and the demo accounts, usable by keyboard, and within the panel's CSP. Its behaviour in a
 * browser is in test/browser/control-panel.test.ts.
 */
import { describe, expect, it } from "vitest";
import { scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../mocks/store/demo-accounts.ts";
import { VARIANTS } from "../openapi/documents.ts";
import { renderControlPanel } from "../server/control-panel.ts";
import { escapeHtml, renderInlineMarkdown } from "../server/panel-markup.ts";
import { PANEL_SCRIPT } from "../server/panel-script.ts";

const html = renderControlPanel("seamless", { talkstack: "user-not-found", seamless: null });
/** The page without its inline script and style, where markup is judged. */
const markup = html.replace(/<script>[\s\S]*<\/script>/, "").replace(/<style>[\s\S]*<\/style>/, "");
const section = (variant: string) =>
  markup.match(new RegExp(`<section id="variant-${variant}"[\\s\\S]*?</section>`))?.[0] ?? "";

describe("the control panel page", () => {
  it("has a section per API with a button for every scenario of that API", () => {
    for (const variant of VARIANTS) {
      const buttons = [...section(variant).matchAll(/data-scenario="([^"]+)"/g)].map((m) => m[1]);
      expect(buttons, variant).toEqual(scenariosOf(variant).map((scenario) => scenario.name));
      expect(section(variant)).not.toContain(
        `data-variant="${variant === "seamless" ? "talkstack" : "seamless"}"`,
      );
    }
  });

  it("marks the server that serves it and presses each API's forced scenario", () => {
    expect(section("seamless")).toContain("this server");
    expect(section("talkstack")).not.toContain("this server");
    expect(markup.match(/aria-pressed="true"/g)).toHaveLength(1);
    expect(section("talkstack")).toMatch(/data-scenario="user-not-found" aria-pressed="true"/);
    const served = renderControlPanel("talkstack", { talkstack: "login-failed" });
    expect(served).toMatch(
      /data-variant="talkstack" data-scenario="login-failed" aria-pressed="true"/,
    );
  });

  it("lists every demo account of both APIs, and the unknown emails", () => {
    for (const account of [...Object.values(TALKSTACK_DEMO), ...Object.values(SEAMLESS_DEMO)])
      expect(markup).toContain(`<code>${account.email}</code>`);
    expect(section("talkstack")).toContain(UNKNOWN_EMAIL.talkstack);
    expect(section("seamless")).toContain(UNKNOWN_EMAIL.seamless);
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
      '"/__mock" + path',
    ]);
  });

  it("ships a script that parses", () => {
    expect(() => new Function(PANEL_SCRIPT)).not.toThrow();
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
