import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rolldown } from "rolldown";
import { describe, expect, it } from "vitest";
import { demoLoginBody, exposureWarning, renderBanner } from "../cli/banner.ts";
import { SERVE_FLAGS } from "../cli/serve.ts";
import { SEAMLESS_DEMO } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { builtinsWithoutFacade, lazyMessageEventBase } from "../scripts/cli-bundle.ts";
import { portOf } from "../server/start-servers.ts";
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
    expect(stdout).toMatch(/serve\s+Serve login APIs on loopback, one port each/);
    expect(stdout).toMatch(/scenarios\s+List every scenario/);
  });

  it("names no API in its own words: the presets' ids come from their specs", () => {
    const { stdout } = runCli(["--help"]);
    expect(stdout).not.toMatch(/talkstack|seamless/i);
    const serve = runCli(["serve", "--help"]);
    expect(serve.stdout).toContain(
      `Built-in presets: ${builtInApis()
        .map((api) => api.id)
        .join(", ")}.`,
    );
    expect(serve.stdout).toContain("Usage: login-mock serve [spec.yaml|preset-id ...] [flags]");
    expect(serve.stdout.replace(/^Built-in presets: .*$/m, "")).not.toMatch(/talkstack|seamless/i);
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

describe("the bundled command's control panel", () => {
  it("ships a panel script that survives bundling and minifying", async () => {
    // Inside the repository, so the bundle's bare imports resolve from node_modules.
    mkdirSync("node_modules/.cache", { recursive: true });
    const out = mkdtempSync(join("node_modules/.cache", "login-mock-cli-panel-"));
    try {
      const build = await rolldown({
        input: "cli/run.ts",
        platform: "node",
        external: (id) => /^[^./]/.test(id) && !id.startsWith("/"),
        plugins: [builtinsWithoutFacade(), lazyMessageEventBase()],
        logLevel: "silent",
      });
      await build.write({ dir: out, format: "esm", entryFileNames: "cli.js", minify: true });
      await build.close();
      const { child, urls } = await startCli(
        ["--port", "0", "--log", "off"],
        {},
        join(out, "cli.js"),
      );
      try {
        const html = await (await fetch(`${urls[0]}/__mock/`)).text();
        const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
        expect(scripts).toHaveLength(1);
        const [script = ""] = scripts;
        expect(() => new Function(script)).not.toThrow();
        expect(script).toContain("/__mock");
        expect(script).toContain("panel-data");
      } finally {
        expect(await stopChild(child)).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
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
      ["serve", "--challenge", "maybe"],
      '--challenge "maybe" is not valid; accepted: accept, reject, match:<value>.',
    ],
    [
      ["serve", "--recaptcha", "maybe"],
      '--recaptcha "maybe" is not valid; accepted: accept, reject, match:<value>.',
    ],
    [
      ["serve", "--challenge", "accept", "--recaptcha", "reject"],
      "--recaptcha is the former name of --challenge: pass one.",
    ],
    [
      ["serve", "talkstak"],
      '"talkstak" is neither a spec file (a path ending in .yaml, .yml or .json, or an existing file) nor a built-in preset (talkstack, seamless). Did you mean talkstack?',
    ],
    [
      ["serve", "seamless", "--variant", "talkstack"],
      "name the APIs either as arguments or with --variant, not both",
    ],
    [
      ["serve", "no/such/login.yaml"],
      "[login-mock] no/such/login.yaml at /: the file cannot be read (ENOENT). Check the path.",
    ],
    [["scenarios", "no/such/login.yml"], "no/such/login.yml at /: the file cannot be read"],
    [["serve", "--log", "loud"], '--log "loud" is not valid; accepted: off, pretty, json.'],
    [
      ["serve", "--variant", "talkstack", "--scenario", "recaptcha-failed"],
      '--scenario "recaptcha-failed" is not valid; accepted: success, credentials-missing',
    ],
    [["serve", "--colour"], "Unknown option '--colour'"],
    [
      ["scenarios", "--variant", "x"],
      '--variant "x" is not valid; accepted: talkstack, seamless, all.',
    ],
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
    expect(stderr).toMatch(/serve\s+Serve login APIs/);
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

  it("prints a table by default, with each API's declared demo accounts", () => {
    const { stdout } = runCli(["scenarios"]);
    expect(stdout).toMatch(/talkstack\s+403\s+account-not-verified/);
    expect(stdout).toMatch(/seamless\s+401\s+recaptcha-failed/);
    const talkstack = builtInApis()[0];
    for (const account of talkstack?.accounts ?? [])
      expect(stdout).toContain(`${account.identity}  `);
    expect(stdout).toMatch(
      /unverified@talkstack\.test\s+talkstack-demo-2\s+403 account-not-verified/,
    );
    expect(stdout).toMatch(
      /nobody@talkstack\.test\s+\(any\)\s+404 user-not-found \(no such account\)/,
    );
  });

  it("takes a preset by id as an argument, as --variant did", () => {
    const byArgument = runCli(["scenarios", "seamless", "--json"]);
    expect(byArgument.status).toBe(0);
    expect(byArgument.stdout).toBe(runCli(["scenarios", "--variant", "seamless", "--json"]).stdout);
    const variants = new Set(
      (JSON.parse(byArgument.stdout) as { variant: string }[]).map((s) => s.variant),
    );
    expect([...variants]).toEqual(["seamless"]);
  });
});

describe("login-mock serve", () => {
  it("serves one preset named as an argument on a free port, and stops cleanly on SIGTERM", async () => {
    const { child, urls, byVariant } = await startCli(["seamless", "--port", "0", "--log", "off"]);
    expect(urls).toHaveLength(1);
    expect(Object.keys(byVariant)).toEqual(["seamless"]);
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

  it("lets an argument override LOGIN_MOCK_VARIANT, as a flag overrides its variable", async () => {
    const { child, byVariant } = await startCli(["talkstack", "--port", "0", "--log", "off"], {
      LOGIN_MOCK_VARIANT: "seamless",
    });
    expect(Object.keys(byVariant)).toEqual(["talkstack"]);
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
    const ids = builtInApis().map((api) => api.id);
    expect(Object.keys(byVariant)).toEqual(ids);
    for (const variant of ids) {
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
    apis: builtInApis(),
    scenarios: {},
    seed: 1,
    challenge: { mode: "accept" },
    log: "off",
    clockStart: undefined,
    allowRemoteControl: false,
    hostSource: "--host 192.168.1.5",
  } as const;

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

  it("shows each API's method, path and demo login from its spec's first declared account", () => {
    const urls = { talkstack: "http://127.0.0.1:4010", seamless: "http://127.0.0.1:4011" };
    const banner = renderBanner(urls, { ...options, args: ["talkstack", "./my login.yaml"] });
    for (const api of builtInApis()) {
      const account = api.accounts[0];
      expect(banner).toContain(
        `${api.id.padEnd(10)} ${api.operation.method} ${urls[api.id as "talkstack"]}${api.operation.path}    control panel`,
      );
      expect(banner).toContain(`"${api.request.identity}":${JSON.stringify(account?.identity)}`);
      expect(banner).toContain(`"${api.request.secret}":${JSON.stringify(account?.secret)}`);
    }
    expect(banner).toContain("npx login-mock scenarios talkstack './my login.yaml'");
    expect(banner).toContain("Seed 1 · challenge accept · log off · Ctrl-C stops.");
  });

  it("fills the challenge field with a value the challenge mode accepts", () => {
    const api = builtInApis().find((candidate) => candidate.request.challenge);
    if (!api?.request.challenge) throw new Error("no preset has a challenge field");
    const field = api.request.challenge.field;
    const body = (mode: Parameters<typeof demoLoginBody>[1]) =>
      JSON.parse(demoLoginBody(api, mode) ?? "{}") as Record<string, string>;
    expect(body({ mode: "accept" })[field]).toBe("x");
    expect(body({ mode: "match", value: "qa-token" })[field]).toBe("qa-token");
    const noChallenge = builtInApis().find((candidate) => !candidate.request.challenge);
    if (!noChallenge) throw new Error("every preset has a challenge field");
    expect(Object.keys(JSON.parse(demoLoginBody(noChallenge, { mode: "accept" }) ?? "{}"))).toEqual(
      [noChallenge.request.identity, noChallenge.request.secret],
    );
  });
});

describe("ports", () => {
  it("serve the APIs in order from --port (4010 by default), or all on free ports with 0", () => {
    expect([0, 1, 2].map((index) => portOf(index))).toEqual([4010, 4011, 4012]);
    expect([0, 1, 2].map((index) => portOf(index, 5000))).toEqual([5000, 5001, 5002]);
    expect([0, 1, 2].map((index) => portOf(index, 0))).toEqual([0, 0, 0]);
  });
});
