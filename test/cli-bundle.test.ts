/**
 * The build plugins of the `login-mock` command (scripts/cli-bundle.ts). Tests run the sources,
 * not dist/, so these check the plugins themselves: @msw/data bundled with the lazy
 * `MessageEvent` base behaves as installed (events, `preventDefault`, `instanceof`) without
 * loading Node's undici on import; built-in imports become `process.getBuiltinModule` calls,
 * except in the entry; and the notices hold every bundled package's licence.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Plugin, type RenderedChunk, rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  builtinsWithoutFacade,
  lazyMessageEventBase,
  NOTICES_FILE,
  thirdPartyNotices,
} from "../scripts/cli-bundle.ts";

// Imports the @msw/data at argv[1], then creates a row, updates it twice (a hook refuses the
// second update) and prints what it saw.
const PROBE = `
const before = new Set(process.moduleLoadList);
const { Collection } = await import(process.argv[1]);
const undiciOnImport = process.moduleLoadList.some((m) => !before.has(m) && m.includes("undici"));
const schema = { "~standard": { version: 1, vendor: "probe", validate: (value) => ({ value }) } };
const users = new Collection({ schema });
const seen = [];
users.hooks.on("update", (event) => {
  seen.push({ type: event.type, path: event.data.path, next: event.data.nextValue,
    isMessageEvent: event instanceof MessageEvent, name: event.constructor.name });
  if (event.data.nextValue === "refused") event.preventDefault();
});
await users.create({ id: 1, name: "a" });
await users.update((q) => q.where((r) => r.id === 1), { data(d) { d.name = "b"; } });
await users.update((q) => q.where((r) => r.id === 1), { data(d) { d.name = "refused"; } });
console.log(JSON.stringify({ undiciOnImport, seen, rows: users.findMany() }));
`;

function probe(specifier: string): {
  undiciOnImport: boolean;
  seen: unknown[];
  rows: unknown[];
} {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", PROBE, specifier], {
    encoding: "utf8",
  });
  return JSON.parse(output);
}

describe("@msw/data bundled as the command bundles it", () => {
  const out = mkdtempSync(join(tmpdir(), "cli-bundle-"));
  let bundled: string;
  let notices: string;

  beforeAll(async () => {
    const build = await rolldown({
      input: "@msw/data",
      platform: "node",
      plugins: [lazyMessageEventBase(), thirdPartyNotices()],
      logLevel: "silent",
    });
    await build.write({ dir: out, format: "esm", entryFileNames: "msw-data.js" });
    await build.close();
    bundled = pathToFileURL(join(out, "msw-data.js")).href;
    notices = readFileSync(join(out, NOTICES_FILE), "utf8");
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("behaves as the installed package, without loading undici on import", () => {
    const installed = probe("@msw/data");
    const ours = probe(bundled);
    expect(installed.undiciOnImport).toBe(true);
    expect(ours.undiciOnImport).toBe(false);
    expect(ours.seen).toEqual(installed.seen);
    expect(ours.rows).toEqual(installed.rows);
    // The probe's own expectations, so equal-but-wrong cannot pass.
    expect(ours.rows).toEqual([{ id: 1, name: "b" }]);
    expect(ours.seen).toEqual([
      { type: "update", path: ["name"], next: "b", isMessageEvent: true, name: "TypedEvent" },
      { type: "update", path: ["name"], next: "refused", isMessageEvent: true, name: "TypedEvent" },
    ]);
  }, 30_000);

  it("writes the licence of every bundled package", () => {
    for (const name of ["@msw/data", "es-toolkit", "mutative", "rettime", "outvariant"]) {
      expect(notices).toContain(`## ${name} `);
    }
    expect(notices).toContain("Copyright (c) 2024 Viva Republica, Inc."); // es-toolkit
    expect(notices).toContain("Lodash"); // es-toolkit's NOTICE
    expect(notices).toContain("Permission is hereby granted, free of charge");
  });
});

describe("builtinsWithoutFacade", () => {
  const plugin = builtinsWithoutFacade() as Plugin & {
    renderChunk: (code: string, chunk: Partial<RenderedChunk>) => { code: string } | null;
  };
  const code = [
    'import module from "node:module";',
    'import * as fs from "node:fs";',
    'import { createServer, STATUS_CODES as codes } from "node:http";',
    'import "node:os";',
    'import { x } from "./local.js";',
    "createServer(module, fs, codes, x);",
  ].join("\n");

  it("loads built-ins through process.getBuiltinModule in shared chunks", () => {
    const result = plugin.renderChunk(code, { isEntry: false, fileName: "shared/a.js" });
    expect(result?.code).toBe(
      [
        'const module = process.getBuiltinModule("node:module");',
        'const fs = process.getBuiltinModule("node:fs");',
        'const { createServer, STATUS_CODES: codes } = process.getBuiltinModule("node:http");',
        'process.getBuiltinModule("node:os");',
        'import { x } from "./local.js";',
        "createServer(module, fs, codes, x);",
      ].join("\n"),
    );
  });

  it("leaves the entry alone: it must run on a Node too old for getBuiltinModule", () => {
    expect(plugin.renderChunk(code, { isEntry: true, fileName: "cli.js" })).toBeNull();
  });
});
