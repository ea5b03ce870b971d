import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script (it runs on any Node); its one export is checked here.
import { missingOptionalEntries } from "../scripts/complete-lockfile.mjs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { version?: string; os?: string[]; cpu?: string[] }>;
};

describe("the lockfile", () => {
  it("has an entry for every platform's optional package, so `npm ci` accepts it anywhere", () => {
    const missing = [...(missingOptionalEntries(lock) as Map<string, unknown>).keys()];
    expect(missing, "run `npm run lockfile` after changing dependencies").toEqual([]);
  });

  it("finds an optional package the lockfile has no entry for, so the check above can fail", () => {
    const missing = missingOptionalEntries({
      packages: {
        "": { devDependencies: { tool: "1.0.0" } },
        "node_modules/tool": {
          dev: true,
          optionalDependencies: { "@tool/cli-linux-x64-musl": "1.0.0" },
        },
      },
    }) as Map<string, unknown>;
    expect([...missing]).toEqual([
      [
        "node_modules/@tool/cli-linux-x64-musl",
        {
          version: "1.0.0",
          dev: true,
          optional: true,
          cpu: ["x64"],
          os: ["linux"],
          libc: ["musl"],
        },
      ],
    ]);
  });

  it("names the platform of the native builds this machine's registry does not serve", () => {
    expect(lock.packages["node_modules/@biomejs/cli-darwin-arm64"]).toMatchObject({
      os: ["darwin"],
      cpu: ["arm64"],
    });
  });

  it("is what CI installs from, with npm ci", () => {
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^npm ci\b/m);
  });
});
