import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MINIMUM_NODE_VERSION, unsupportedNodeMessage } from "../mocks/supported-node.ts";

const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

/** Runs `code` in a child Node that reports `nodeVersion` as its version. */
function runAs(nodeVersion: string, code: string) {
  const script = `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "${nodeVersion}" } });
${code}`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
}

describe("the Node a consumer needs", () => {
  it("declares the minimum the version guard enforces in engines", () => {
    expect(packageJson.engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
  });

  it("stops the CLI on Node 20 with one line naming the version needed", () => {
    const result = runAs(
      "20.20.2",
      'process.argv.push("scenarios"); await import("./cli/run.ts");',
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      "[login-mock] Node 20.20.2 is not supported: login-mock needs Node 22.12.0 or newer. Upgrade Node (for example `nvm install 22`) and run it again.",
    ]);
  });

  it("stops an import of login-mock/node on Node 22.11 before msw loads", () => {
    const result = runAs("22.11.0", 'await import("./mocks/node.ts");');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("login-mock needs Node 22.12.0 or newer");
    // The message is about Node, not about this repository's own setup.
    expect(result.stderr).not.toContain("npm install");
  });

  it("lets 22.12, 24 and later through", () => {
    for (const version of ["22.12.0", "v23.0.0", "24.21.0", "26.1.0"])
      expect(unsupportedNodeMessage(version)).toBeUndefined();
    for (const version of ["18.20.0", "20.19.0", "22.11.9"])
      expect(unsupportedNodeMessage(version)).toContain(version);
  });
});

describe("this repository's own scripts", () => {
  it("run the tests on the pinned Node 24", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
    expect(packageJson.devDependencies.node).toMatch(/^\^24\./);
  });

  it("stop on Node 20 and say how this repository installs Node 24", () => {
    const result = runAs("20.20.2", 'await import("./scripts/require-node.mjs");');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node 20.20.2 is too old");
    expect(result.stderr).toContain("npm install");
  });

  it("let a script through on Node 24", () => {
    expect(runAs("24.0.0", 'await import("./scripts/require-node.mjs");').status).toBe(0);
  });
});
