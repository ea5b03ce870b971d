import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const packageJson = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
};

function runGuardAs(nodeVersion: string) {
  // Pretends to be another Node version, then loads the guard the npm scripts run first.
  const script = `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "${nodeVersion}" } });
await import("./scripts/require-node.mjs");`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
}

describe("runtime", () => {
  it("runs the tests on Node 24 or newer", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(24);
  });

  it("declares Node 24 as the minimum engine", () => {
    expect(packageJson.engines.node).toBe(">=24");
  });

  it("stops a script on Node 20 with a message that says what to do", () => {
    const result = runGuardAs("20.20.2");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node 20.20.2 is too old");
    expect(result.stderr).toContain("npm install");
  });

  it("lets a script through on Node 24", () => {
    expect(runGuardAs("24.0.0").status).toBe(0);
  });
});
