/**
 * The control panel's stylesheet: the server's panel page inlines it (its CSP allows inline
 * styles only), and the in-page overlay of MSW mode (panel-overlay/) puts it in its shadow root.
 * Plain text, no imports: it runs in Node and in the browser alike.
 */
export const PANEL_STYLE = `
  :root { color-scheme: light; --accent: #1f6feb; --line: #d8dde3; --muted: #57606a; --bad: #b42318; --good: #1a7f37; }
  * { box-sizing: border-box; }
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 84rem; color: #1d232a; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
  h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
  p { margin: .4rem 0; }
  code { font: 13px/1.3 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f0f2f5; padding: 0 .25em; border-radius: 3px; }
  .muted { color: var(--muted); }
  .lede { margin-bottom: 1rem; }
  section { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; margin: 1rem 0; }
  .variants { display: grid; grid-template-columns: repeat(auto-fit, minmax(34rem, 1fr)); gap: 1rem; margin: 1rem 0; align-items: start; }
  .tag { font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; background: #ddf4ff; color: #0a3069; border-radius: 999px; padding: .1rem .5rem; vertical-align: middle; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid #eceff2; }
  th { font-size: .8rem; color: var(--muted); font-weight: 600; }
  td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
  td button, td code { white-space: nowrap; }
  button { font: inherit; padding: .25rem .7rem; border: 1px solid #8a94a0; border-radius: 4px; background: #fff; color: inherit; cursor: pointer; }
  button:hover { background: #f3f5f7; }
  button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.danger { border-color: var(--bad); color: var(--bad); }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  input[type=number] { font: inherit; padding: .25rem .4rem; border: 1px solid #8a94a0; border-radius: 4px; width: 5.5rem; }
  input[type=text] { font: inherit; padding: .25rem .4rem; border: 1px solid #8a94a0; border-radius: 4px; width: 14rem; }
  input[type=password] { font: inherit; padding: .25rem .4rem; border: 1px solid #8a94a0; border-radius: 4px; width: 14rem; }
  select { font: inherit; padding: .2rem .3rem; border: 1px solid #8a94a0; border-radius: 4px; background: #fff; max-width: 100%; }
  input[aria-invalid=true] { border-color: var(--bad); }
  fieldset.times { border: 1px dashed var(--line); border-radius: 6px; padding: .4rem .7rem .6rem; }
  fieldset.times legend { font-size: .85rem; font-weight: 600; color: var(--muted); padding: 0 .3rem; }
  .pending { font-weight: 600; }
  .pending[data-remaining="0"] { font-weight: normal; color: var(--muted); }
  .op { font-size: .75rem; font-weight: 600; border-radius: 999px; padding: .05rem .45rem; background: #eef1f4; }
  .op-refresh { background: #ddf4ff; color: #0a3069; }
  .op-logout { background: #fff1e5; color: #953800; }
  #keys-table td code { white-space: normal; word-break: break-all; }
  label { margin-right: .4rem; }
  details { margin-top: .2rem; font-size: .85rem; }
  details ul { margin: .2rem 0; padding-left: 1.2rem; }
  #status { padding: .6rem .8rem; background: #f3f5f7; border-radius: 6px; margin: 0; }
  #status[data-kind=error] { background: #fdecea; color: var(--bad); }
  .big { font-size: 1.3rem; font-variant-numeric: tabular-nums; font-weight: 600; }
  .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
  .state-valid { color: var(--good); font-weight: 600; }
  .state-expired, .state-not-yet-valid, .state-revoked, .state-not-issued-by-this-mock { color: var(--bad); font-weight: 600; }
  .field-ok { color: var(--good); }
  .field-bad { color: var(--bad); font-weight: 600; }
  #journal-table td { font-size: .85rem; }
  #journal-table tr.fresh td { animation: fresh 4s ease-out; }
  @keyframes fresh { from { background: #fff8c5; } to { background: transparent; } }
  @media (max-width: 40rem) { body { padding: 1rem; } .variants { grid-template-columns: 1fr; } }
`;
