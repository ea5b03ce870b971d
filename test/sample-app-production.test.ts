/**
 * The sample app's production build ships no mocks: the `import.meta.env.DEV` guards in
 * examples/app/src drop login-mock, msw, the worker registration and the MSW-mode panel overlay
 * (`startWorker({ panel: true })`, a chunk of its own in development). The same build in
 * development mode is the control: it shows each marker below is really there when DEV is true,
 * so the production check cannot pass by looking for the wrong strings.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { DEFAULT_JWT_SECRET } from "../mocks/core/tokens/jwt.ts";
import { PANEL_TAG } from "../mocks/panel-overlay/overlay.ts";
import { buildSampleApp } from "./support/sample-app-build.ts";

/** Strings only mock code brings: msw's worker registration, and our catalogue and key. */
const MOCK_MARKERS = [
  "mockServiceWorker",
  "serviceWorker.register",
  // Scenario names the app's own code never spells: they come from login-mock's catalogue.
  "recaptcha-failed",
  "account-not-verified",
  "truncated-json",
  DEFAULT_JWT_SECRET,
  // The panel overlay's element: only its own module spells it.
  PANEL_TAG,
];

/** Every emitted file's text, by its path inside the output folder. */
type Output = Map<string, string>;

/** The output files that contain `marker`: a readable failure names them. */
const filesWith = (output: Output, marker: string) =>
  [...output].filter(([, text]) => text.includes(marker)).map(([file]) => file);

const outDirs: string[] = [];

/** Builds examples/app in `mode` and reads back every file it emitted. */
async function buildAndRead(mode: "production" | "development"): Promise<Output> {
  const outDir = await buildSampleApp(mode);
  outDirs.push(outDir);
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  return new Map(files.map((file) => [file.slice(outDir.length + 1), readFileSync(file, "utf8")]));
}

describe("the sample app built for production", () => {
  let production: Output;
  let development: Output;
  // Sequential: each build sets NODE_ENV for its duration.
  beforeAll(async () => {
    production = await buildAndRead("production");
    development = await buildAndRead("development");
  }, 90_000);
  afterAll(() => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("still holds the app: the login forms and the code that calls a server", () => {
    expect(filesWith(production, 'id="seamless"')).toEqual(["index.html"]);
    expect(filesWith(production, "/auth/login")).not.toEqual([]);
    expect(filesWith(production, "Login failed: ")).not.toEqual([]);
  });

  it("contains no mock code, no worker registration and no worker script", () => {
    for (const marker of MOCK_MARKERS) expect(filesWith(production, marker), marker).toEqual([]);
    expect([...production.keys()].filter((file) => file.includes("mockServiceWorker"))).toEqual([]);
  });

  it("loads the panel overlay in development as a lazy chunk of its own", () => {
    const overlay = filesWith(development, PANEL_TAG);
    expect(overlay).toHaveLength(1);
    // Not in the chunk that starts the worker: fetched only when `panel: true` asks for it.
    expect(filesWith(development, "serviceWorker.register")).not.toContain(overlay[0]);
  });

  it("contains every one of those markers when built with DEV true (the control)", () => {
    expect(SCENARIOS.map((scenario) => scenario.name)).toEqual(
      expect.arrayContaining(["recaptcha-failed", "account-not-verified", "truncated-json"]),
    );
    for (const marker of MOCK_MARKERS)
      expect(filesWith(development, marker), marker).not.toEqual([]);
  });
});
