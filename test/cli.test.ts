import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rolldown } from "rolldown";
import { describe, expect, it } from "vitest";
import { exposureWarning, renderBanner } from "../cli/banner.ts";
import { SERVE_FLAGS } from "../cli/serve.ts";
import { SEAMLESS_DEMO } from "../mocks/store/demo-accounts.ts";
import { VARIANTS } from "../openapi/documents.ts";
import { builtinsWithoutFacade, lazyMessageEventBase } from "../scripts/cli-bundle.ts";
import { runCli, startCli, stopChild } from "./support/spawn-cli.ts";

/** `login-mock <args>` exits 2 with one stderr line containing `text`: that stderr. */
function expectOneLineError(args: string[], text: string): string {
  const { status, stderr } = runCli(args);
  expect(status).toBe(2);
  expect(stderr).toContain(text);
  expect(stderr.trim().split("\n")).toHaveLength(1);
  return stderr;
}

describe("login-mock --help", () => {
  it("lists the commands", () => {
    const { status, stdout } = runCli(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/serve\s+Serve both APIs/);
    expect(stdout).toMatch(/scenarios\s+List every scenario/);
  });

  it("refuses a --clock that is no real date or leaves no room for a token's life, with the range", () => {
    for (const clock of ["2030-02-30T00:00:00Z", "9999-12-31T23:59:59Z", "2030-01-01T09:00Z"]) {
      const { status, stderr } = runCli(["serve", "--port", "0", "--clock", clock]);
      expect(status).toBe(2);
      expect(stderr).toContain("--clock");
      expect(stderr).toContain("to 9999-12-30T23:59:59.999Z");
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("documents every serve flag with its environment variable", () => {
    const { status, stdout } = runCli(["serve", "--help"]);
    expect(status).toBe(0);
    for (const flag of Object.keys(SERVE_FLAGS)) expect(stdout).toContain(`--${flag}`);
    expect(stdout).toContain("[env LOGIN_MOCK_TOKEN_TTL]");
  });
});

describe("login-mock --version", () => {
  const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

  it.each([["--version"], ["-v"]])("login-mock %s prints the package version", (flag) => {
    const { status, stdout } = runCli([flag]);
    expect(status).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  it("prints it from the bundled command too, far from package.json", async () => {
    // Built as tsdown.config.ts builds dist/cli/cli.js, into a folder with no package.json above.
    const out = mkdtempSync(join(tmpdir(), "cli-version-"));
    try {
      const build = await rolldown({
        input: "cli/run.ts",
        platform: "node",
        external: (id) => /^[^./]/.test(id) && !id.startsWith("/"),
        plugins: [builtinsWithoutFacade(), lazyMessageEventBase()],
        logLevel: "silent",
      });
      await build.write({ dir: out, format: "esm", entryFileNames: "cli.js" });
      await build.close();
      const result = spawnSync(process.execPath, [join(out, "cli.js"), "--version"], {
        encoding: "utf8",
        cwd: out,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe(`${version}\n`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("bad flags", () => {
  it.each([
    [
      ["serve", "--variant", "paypal"],
      '--variant "paypal" is not valid; accepted: talkstack, seamless, all.',
    ],
    [
      ["serve", "--port", "99999"],
      '--port "99999" is not valid; accepted: a whole number from 0 to 65535.',
    ],
    [
      ["serve", "--recaptcha", "maybe"],
      '--recaptcha "maybe" is not valid; accepted: accept, reject, match:<value>.',
    ],
    [["serve", "--log", "loud"], '--log "loud" is not valid; accepted: off, pretty, json.'],
    [
      ["serve", "--variant", "talkstack", "--scenario", "recaptcha-failed"],
      '--scenario "recaptcha-failed" is not valid; accepted: success, credentials-missing',
    ],
    [["serve", "--colour"], "Unknown option '--colour'"],
    [["scenarios", "--variant", "x"], '--variant "x" is not valid; accepted: talkstack, seamless.'],
    [["frobnicate"], 'Unknown command "frobnicate"'],
  ])("login-mock %j exits 2 with one line that names the flag", (args, message) => {
    expectOneLineError(args, message);
  });

  it("reads flags from the environment, and blames the variable, not a flag never typed", () => {
    for (const [variable, value, flag] of [
      ["LOGIN_MOCK_DELAY", "soon", "delay"],
      ["LOGIN_MOCK_PORT", "abc", "port"],
    ] as const) {
      const { status, stderr } = runCli(["serve"], { [variable]: value });
      expect(status).toBe(2);
      expect(stderr).toContain(
        `the environment variable ${variable}="${value}" (read for --${flag})`,
      );
      expect(stderr).toContain(`Fix or unset ${variable}.`);
      expect(stderr).not.toContain(`--${flag} "${value}"`);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("blames the flag when the command line overrides a good variable with a bad value", () => {
    const { status, stderr } = runCli(["serve", "--port", "abc"], { LOGIN_MOCK_PORT: "0" });
    expect(status).toBe(2);
    expect(stderr).toContain('--port "abc" is not valid');
  });

  it.each([
    [["serve", "--prot", "4000"], "Did you mean --port?"],
    [["serve", "--prot=4000"], "Did you mean --port?"],
    [["serve", "--tokenttl", "60"], "Did you mean --token-ttl?"],
    [["serve", "--allow-remote"], "Did you mean --allow-remote-control?"],
    [["scenarios", "--jsn"], "Did you mean --json?"],
    [["contract", "--base-ur", "http://127.0.0.1:1"], "Did you mean --base-url?"],
    [["proxy", "--upstreem", "http://127.0.0.1:1"], "Did you mean --upstream?"],
    [["serv"], "Did you mean serve?"],
  ])("login-mock %j suggests the closest known name", (args, hint) => {
    expectOneLineError(args, hint);
  });

  it("suggests nothing when no flag is close", () => {
    const stderr = expectOneLineError(["serve", "--colour"], "Unknown option '--colour'");
    expect(stderr).not.toContain("Did you mean");
  });

  it("prints the help to stderr and exits 2 when no command is given", () => {
    const { status, stdout, stderr } = runCli([]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Usage: login-mock <command>/);
    expect(stderr).toMatch(/serve\s+Serve both APIs/);
  });
});

describe("login-mock scenarios", () => {
  it("prints the catalogue as JSON with how to force each scenario", () => {
    const { status, stdout } = runCli(["scenarios", "--variant", "seamless", "--json"]);
    expect(status).toBe(0);
    const scenarios = JSON.parse(stdout) as { name: string; force: { prefer?: string } }[];
    expect(scenarios.find((s) => s.name === "recaptcha-failed")?.force.prefer).toBe(
      "code=401, example=recaptcha-failed",
    );
  });

  it("prints a table by default", () => {
    expect(runCli(["scenarios"]).stdout).toMatch(/talkstack\s+403\s+account-not-verified/);
  });
});

describe("login-mock serve", () => {
  it("serves one variant on a free port, and stops cleanly on SIGTERM", async () => {
    const { child, urls } = await startCli([
      "--variant",
      "seamless",
      "--port",
      "0",
      "--log",
      "off",
    ]);
    expect(urls).toHaveLength(1);
    const response = await fetch(`${urls[0]}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: SEAMLESS_DEMO.documented.email,
        password: SEAMLESS_DEMO.documented.password,
        recaptchaVal: "x",
      }),
    });
    expect(response.status).toBe(200);
    expect(await stopChild(child)).toBe(0);
  });

  it("takes its options from LOGIN_MOCK_* variables", async () => {
    const { child, urls, output } = await startCli([], {
      LOGIN_MOCK_VARIANT: "talkstack",
      LOGIN_MOCK_PORT: "0",
      LOGIN_MOCK_SCENARIO: "login-failed",
    });
    const response = await fetch(`${urls[0]}/auth/login`, { method: "POST", body: "{}" });
    expect(response.status).toBe(500);
    expect(output()).toContain("forced scenario: login-failed");
    expect(await stopChild(child)).toBe(0);
  });

  it("shows each port a Prefer example that this port serves", async () => {
    const { child, byVariant, output } = await startCli(["--port", "0", "--log", "off"]);
    const lines = output().split("\n");
    for (const variant of VARIANTS) {
      // The example shown in this variant's block of the banner, else the one for every port.
      const start = lines.findIndex((line) => line.trimStart().startsWith(`${variant} `));
      const block = lines.slice(start, start + 3).join("\n");
      const shown =
        /Prefer: (code=(\d+), example=([\w-]+))/.exec(block) ??
        /Prefer: (code=(\d+), example=([\w-]+))/.exec(output());
      const [, prefer, code, example] = shown ?? [];
      const response = await fetch(`${byVariant[variant]}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", prefer: prefer ?? "" },
        body: "{}",
      });
      expect({ variant, status: response.status }).toEqual({ variant, status: Number(code) });
      expect(response.headers.get("x-mock-scenario")).toBe(example);
    }
    expect(await stopChild(child)).toBe(0);
  });

  it("warns that --host 0.0.0.0 reaches the network, and shows a control panel URL that answers", async () => {
    const { child, urls, output } = await startCli([
      "--variant",
      "talkstack",
      "--host",
      "0.0.0.0",
      "--port",
      "0",
      "--log",
      "off",
    ]);
    try {
      const panel = /control panel (http:\/\/\S+)/.exec(output())?.[1] ?? "";
      expect(panel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__mock\/$/);
      expect((await fetch(panel)).status).toBe(200);
      expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(output()).toContain(
        "[login-mock] Warning: --host 0.0.0.0 listens on every network interface: the mock and its login route are reachable from other machines",
      );
      expect(output()).toContain(
        "still answers this machine only (loopback), unless --allow-remote-control",
      );
    } finally {
      expect(await stopChild(child)).toBe(0);
    }
  });

  it.each([
    ["10.255.255.1", "it is not an address of this machine (EADDRNOTAVAIL)"],
    ["no-such-host.invalid", "the name does not resolve to an address (getaddrinfo ENOTFOUND)"],
  ])("says in one line why --host %s cannot be listened on, without a stack trace", (host, why) => {
    const { status, stderr } = runCli(["serve", "--host", host, "--port", "0", "--log", "off"]);
    expect(status).toBe(1);
    expect(stderr).toContain(`[login-mock] Cannot listen on ${host}: ${why}. Pass `);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    const fromEnv = runCli(["serve", "--port", "0"], { LOGIN_MOCK_HOST: host });
    expect(fromEnv.stderr).toContain("This host came from LOGIN_MOCK_HOST.");
  });

  it("says clearly when the port is taken, without a stack trace", async () => {
    const first = await startCli(["--variant", "talkstack", "--port", "0", "--log", "off"]);
    const port = new URL(first.urls[0] ?? "").port;
    const second = runCli(["serve", "--variant", "talkstack", "--port", port]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const fromEnv = runCli(["serve", "--variant", "talkstack"], { LOGIN_MOCK_PORT: port });
    expect(fromEnv.status).toBe(1);
    expect(fromEnv.stderr).toContain(`This port came from LOGIN_MOCK_PORT.`);
    expect(await stopChild(first.child)).toBe(0);
  });
});

describe("the serve banner", () => {
  const options = {
    variants: VARIANTS,
    scenarios: {},
    seed: 1,
    recaptcha: { mode: "accept" },
    log: "off",
    clockStart: undefined,
    allowRemoteControl: false,
    hostSource: "--host 192.168.1.5",
  };

  it("warns that one non-loopback address leaves the control panel unreachable, and says how to reach it", () => {
    const urls = { talkstack: "http://192.168.1.5:4010", seamless: "http://192.168.1.5:4011" };
    expect(exposureWarning(urls, options, [])).toBe(
      "[login-mock] Warning: --host 192.168.1.5 listens on an address other machines reach: the mock and its login route are reachable from other machines on your network. The control API (/__mock/) answers loopback only, which this address is not: for the control panel, listen on --host 0.0.0.0 and open it at 127.0.0.1, or add --allow-remote-control --allowed-hosts 192.168.1.5.",
    );
    expect(renderBanner(urls, options)).toContain(
      "control panel: loopback only, not on this address (see the warning)",
    );
  });

  it("says the control API is open too with --allow-remote-control, and nothing on loopback", () => {
    const wildcard = { talkstack: "http://0.0.0.0:4010" };
    const open = { ...options, allowRemoteControl: true, hostSource: "LOGIN_MOCK_HOST=0.0.0.0" };
    expect(exposureWarning(wildcard, open, ["192.168.1.5"])).toContain(
      "LOGIN_MOCK_HOST=0.0.0.0 listens on every network interface: the mock and its login route are reachable from other machines on your network (at 192.168.1.5). --allow-remote-control opens the control API (/__mock/) to them too",
    );
    expect(exposureWarning({ talkstack: "http://127.0.0.1:4010" }, options)).toBeUndefined();
  });
});
