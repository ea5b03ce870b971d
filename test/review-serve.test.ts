/**
 * Review findings on `login-mock serve`: each API listens on its spec's own loopback port
 * unless `--port` is given (a clash is a usage error); the banner's demo login carries every
 * required field the spec gives a value, in the API's media type, and gets the success status;
 * the request log names the scenario the reply served, whatever the spec's token header is called.
 */
import { describe, expect, it, vi } from "vitest";
import { demoLogin } from "../cli/banner.ts";
import { parseServeOptions, UsageError } from "../cli/serve.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { readLoginSpec } from "../openapi/read-login-spec.ts";
import { freePort } from "../server/free-port.ts";
import type { RequestLogEntry } from "../server/request-log.ts";
import { PortClashError, plannedPorts, startServers } from "../server/start-servers.ts";
import { freshSpec } from "./support/fresh-spec.ts";
import { startCli, stopChild } from "./support/spawn-cli.ts";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Spec = Record<string, any>;

const OAUTH = "examples/specs/oauth-password.yaml";
const LOGIN = JSON.stringify({ handle: "quill", passphrase: "ink-and-paper" });

function freshWith(edit: (spec: Spec) => void, id = "fresh"): LoginApi {
  const spec: Spec = freshSpec();
  edit(spec);
  spec.paths["/api/v2/sessions"].put["x-login-mock"].id = id;
  return loginApiFromDocument(spec, `${id}.yaml`);
}

const withServers = (servers: readonly { url: string }[] | undefined, id: string) =>
  freshWith((spec) => {
    if (servers === undefined) delete spec.servers;
    else spec.servers = servers;
  }, id);

const portsOf = (args: string[], specs: ReadonlyMap<string, LoginApi> = new Map()) => {
  const options = parseServeOptions(args, {}, specs);
  return plannedPorts(options.apis, options.port);
};

describe("serve's ports", () => {
  it("are each spec's own loopback port without --port", async () => {
    const specs = new Map([[OAUTH, await readLoginSpec(OAUTH)]]);
    expect(portsOf([])).toEqual([4010, 4011]);
    expect(portsOf(["seamless"])).toEqual([4011]);
    expect(portsOf([OAUTH], specs)).toEqual([4012]);
    expect(portsOf([OAUTH, "seamless", "talkstack"], specs)).toEqual([4012, 4011, 4010]);
    const local = withServers(
      [{ url: "https://api.example.com" }, { url: "http://localhost:4567/" }],
      "local",
    );
    expect(plannedPorts([local])).toEqual([4567]);
  });

  it("are 4010 plus the API's place when its spec names no loopback server", () => {
    const remote = withServers([{ url: "https://api.example.com" }], "remote");
    const none = withServers(undefined, "none");
    expect(plannedPorts([remote, none])).toEqual([4010, 4011]);
  });

  it("are N, N+1, … in order with --port N, and free ones with --port 0", async () => {
    const specs = new Map([[OAUTH, await readLoginSpec(OAUTH)]]);
    expect(portsOf(["seamless", OAUTH, "--port", "5000"], specs)).toEqual([5000, 5001]);
    expect(portsOf(["seamless", OAUTH, "--port", "0"], specs)).toEqual([0, 0]);
  });

  it("refuse two APIs on one port with a usage error that says why and what to pass", () => {
    const none = withServers(undefined, "none");
    const specs = new Map([["none.yaml", none]]);
    let error: unknown;
    try {
      parseServeOptions(["seamless", "none.yaml"], {}, specs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "[login-mock] seamless (its spec's server http://127.0.0.1:4011) and none (API 2 of 2 and its spec names no loopback server, so 4010 + 1) would both listen on port 4011. Pass --port N to serve them on N, N+1, … in the order given (--port 0 picks free ports), or give each spec a `http://127.0.0.1:<port>` server of its own.",
    );
    expect(() =>
      plannedPorts([none, withServers([{ url: "http://127.0.0.1:4010" }], "b")]),
    ).toThrow(PortClashError);
    // --port settles it.
    expect(portsOf(["seamless", "none.yaml", "--port", "6000"], specs)).toEqual([6000, 6001]);
  });

  it("are where startServers listens when no port is given", async () => {
    const port = await freePort();
    const api = withServers([{ url: `http://127.0.0.1:${port}` }], "own");
    const running = await startServers({ mock: createLoginMock({ apis: [api] }), log: () => {} });
    try {
      expect(running.urls).toEqual({ own: `http://127.0.0.1:${port}` });
    } finally {
      await running.close(0);
    }
  });
});

describe("the banner's demo login", () => {
  it("of the OAuth example, run as shown, logs in", async () => {
    const server = await startCli([OAUTH, "--port", "0", "--log", "off"]);
    try {
      const output = server.output();
      const url = /oauth-password +POST (http:\/\/\S+\/oauth\/token)/.exec(output)?.[1];
      const demo = /demo login (\S+) \(as ([\w/.+-]+)\)/.exec(output);
      expect(demo?.[1]).toBe("grant_type=password&username=demo&password=demo-password-1");
      expect(demo?.[2]).toBe("application/x-www-form-urlencoded");
      const response = await fetch(url ?? "", {
        method: "POST",
        headers: { "content-type": demo?.[2] ?? "" },
        body: demo?.[1] ?? "",
      });
      expect(response.status).toBe(200);
    } finally {
      expect(await stopChild(server.child)).toBe(0);
    }
  });

  it("takes a required field's value from its const, enum, the request example or its default", () => {
    const api = freshWith((spec) => {
      const content = spec.paths["/api/v2/sessions"].put.requestBody.content["application/json"];
      const schema = content.schema;
      schema.required.push("kind", "mode", "client", "locale", "region");
      Object.assign(schema.properties, {
        kind: { const: 3 },
        mode: { type: "string", enum: ["fast", "slow"] },
        client: { type: "string" },
        locale: { type: "string", example: "en-GB" },
        region: { type: "string", default: "eu" },
        optional: { type: "string", default: "never sent" },
      });
      content.examples = { demo: { value: { handle: "quill", client: "web-app" } } };
    });
    expect(demoLogin(api, { mode: "accept" })).toEqual({
      kind: "body",
      mediaType: "application/json",
      body: JSON.stringify({
        handle: "quill",
        passphrase: "ink-and-paper",
        kind: 3,
        mode: "fast",
        client: "web-app",
        locale: "en-GB",
        region: "eu",
      }),
    });
  });

  it("is left out, saying why, when a required field has no value in the spec", () => {
    const api = freshWith((spec) => {
      const schema =
        spec.paths["/api/v2/sessions"].put.requestBody.content["application/json"].schema;
      schema.required.push("tenant");
      schema.properties.tenant = { type: "string" };
    });
    const demo = demoLogin(api, { mode: "accept" });
    expect(demo.kind).toBe("none");
    expect(demo.kind === "none" && demo.reason).toContain("`tenant`");
  });
});

describe("the request log", () => {
  it("names the scenario served even when the spec's token header is X-Mock-Scenario", async () => {
    const loaded = freshWith(() => {});
    // The loader refuses this header name; an API object can still carry it.
    const api: LoginApi = {
      ...loaded,
      token: { ...loaded.token, placement: { in: "header", header: "x-mock-scenario" } },
    };
    const logged: RequestLogEntry[] = [];
    const running = await startServers({
      mock: createLoginMock({ apis: [api] }),
      port: 0,
      log: (entry) => void logged.push(entry),
    });
    try {
      const response = await fetch(`${running.urls.fresh}/api/v2/sessions`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: LOGIN,
      });
      expect(response.status).toBe(201);
      await response.arrayBuffer();
      // The line is written once the reply has been sent.
      await vi.waitFor(() => expect(logged).toHaveLength(1));
      expect(logged.map((entry) => entry.scenario)).toEqual(["opened"]);
    } finally {
      await running.close(0);
    }
  });
});
