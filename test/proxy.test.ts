/**
 * `login-mock proxy`: Prism's validation proxy on our spec. Traffic to a conforming upstream
 * passes unchanged; a response that breaks the spec is passed on and marked with violations.
 * Without Prism installed (an optional peer), the command says how to install it.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli/flags.ts";
import { proxyArguments, proxySpec } from "../cli/proxy.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import { freePort } from "../server/free-port.ts";
import { type RunningServers, startServers } from "../server/start-servers.ts";
import { MUTANTS, mutatedMock } from "./support/mutants.ts";
import { runCliAsync, stopChild, waitForHttp } from "./support/spawn-cli.ts";

async function startProxy(upstream: string) {
  const port = await freePort();
  const args = ["proxy", "seamless", "--upstream", upstream, "--port", String(port)];
  const child = spawn(process.execPath, ["cli/run.ts", ...args], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/auth/login`;
  await waitForHttp(url);
  return { url, stop: () => stopChild(child, "SIGINT") };
}

const login = (url: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "proxy-test" }),
  });

describe("login-mock proxy", () => {
  const started: { stop: () => Promise<unknown> }[] = [];
  let good: RunningServers;
  let broken: RunningServers;
  beforeAll(async () => {
    good = await startServers({
      variants: ["seamless"],
      port: 0,
      mock: createLoginMock(),
      log: () => {},
    });
    const mutant = MUTANTS.find((m) => m.name.startsWith("missing required field"));
    if (!mutant) throw new Error("mutant missing");
    broken = await startServers({
      variants: ["seamless"],
      port: 0,
      mock: mutatedMock(createLoginMock(), mutant),
      log: () => {},
    });
  });
  afterAll(async () => {
    for (const proxy of started) await proxy.stop();
    await good.close(100);
    await broken.close(100);
  });

  it("passes a conforming response through, cookie included, with no violations", async () => {
    const proxy = await startProxy(good.urls.seamless ?? "");
    started.push(proxy);
    const response = await login(proxy.url);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^token=.+; HttpOnly/);
    expect(response.headers.get("sl-violations")).toBeNull();
  }, 40_000);

  it("marks a response that breaks the spec with its violations", async () => {
    const proxy = await startProxy(broken.urls.seamless ?? "");
    started.push(proxy);
    const response = await login(proxy.url);
    expect(response.status).toBe(200);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as {
      location: string[];
      message: string;
    }[];
    expect(violations.some((v) => v.location[0] === "response" && v.message.includes("_id"))).toBe(
      true,
    );
  }, 40_000);
});

describe("login-mock proxy without Prism installed", () => {
  const hidePackage = fileURLToPath(new URL("./support/hide-package.mjs", import.meta.url));

  it("prints one line saying how to install Prism, and exits 1", async () => {
    const { code, output } = await runCliAsync(
      ["proxy", "--variant", "seamless", "--upstream", "http://127.0.0.1:9"],
      {
        NODE_OPTIONS: `--import=${hidePackage}`,
        LOGIN_MOCK_TEST_HIDE_PACKAGE: "@stoplight/prism-cli",
      },
    );
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toEqual([
      expect.stringContaining("npm install -D @stoplight/prism-cli"),
    ]);
  });
});

describe("login-mock proxy's port", () => {
  const argv = ["--upstream", "http://127.0.0.1:9"];
  const portOf = (args: string[]) => args[args.indexOf("-p") + 1];

  it("takes the free port it is given when --port is not set, for every API alike", () => {
    for (const variant of ["talkstack", "seamless"])
      expect(portOf(proxyArguments([variant, ...argv], "spec.json", {}, 45_678))).toBe("45678");
  });

  it("keeps the --port it is given, and gives Prism the spec file", () => {
    const args = proxyArguments(["seamless", ...argv, "--port", "4999"], "s.json", {}, 1);
    expect(portOf(args)).toBe("4999");
    expect(args.slice(0, 3)).toEqual(["proxy", "s.json", "http://127.0.0.1:9"]);
  });
});

describe("the spec login-mock proxy validates against", () => {
  it("is a preset named by id, as an argument or with --variant", async () => {
    const byArgument = await proxySpec(["seamless", "--upstream", "http://x"], {});
    expect(byArgument).toMatchObject({ kind: "preset", api: { id: "seamless" } });
    const byFlag = await proxySpec(["--variant", "talkstack"], {});
    expect(byFlag).toMatchObject({ kind: "preset", api: { id: "talkstack" } });
  });

  it("is a user's spec file, read and checked first, and handed to Prism as that file", async () => {
    const file = "examples/specs/oauth-password.yaml";
    const spec = await proxySpec([file], {});
    expect(spec).toMatchObject({ kind: "file", path: file, api: { id: "oauth-password" } });
  });

  it.each([
    [
      [],
      "name the spec to validate against: a spec file, or a built-in preset (talkstack, seamless)",
    ],
    [["talkstack", "seamless"], "validates against one spec; got 2"],
    [["nope"], '"nope" is neither a spec file'],
    [["no/such.yaml"], "no/such.yaml at /: the file cannot be read"],
    [["--variant", "all"], '--variant "all" is not valid; accepted: talkstack, seamless.'],
  ])("refuses %j with a usage error", async (argv, message) => {
    const refused = proxySpec(argv, {});
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(message);
  });
});
