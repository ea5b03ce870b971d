/**
 * The control API obeys this machine only: other web pages (a cross-site form, a `no-cors`
 * fetch, a DNS-rebound host name, a frame) can neither change the mock nor read it. Requests go
 * through node:http, because fetch will not let a test set Host, Origin or Sec-Fetch-Site.
 */
import { request as httpRequest } from "node:http";
import { beforeEach, describe, expect, it } from "vitest";
import { parseServeOptions, UsageError } from "../cli/serve.ts";
import type { Variant } from "../openapi/documents.ts";
import type { AllowedHosts } from "../server/host-check.ts";
import { type TestServers, useHttpServers } from "./support/http-servers.ts";

interface Sent {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
interface Received {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One request with whatever headers a browser (or an attacker's page) would send. */
function send(servers: TestServers, variant: Variant, sent: Sent): Promise<Received> {
  const url = new URL(servers.url(variant));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: sent.method ?? "GET",
        path: sent.path,
        headers: { ...sent.headers, connection: "close" },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(sent.body);
  });
}

const json = { "content-type": "application/json" };
const putScenario = (scenario: string) => ({
  method: "PUT",
  path: "/__mock/scenario",
  headers: json,
  body: JSON.stringify({ scenario }),
});
/** Every control route, each with a request that would succeed from this machine. */
const CONTROL_ROUTES: readonly Sent[] = [
  { path: "/__mock/" },
  { path: "/__mock/health" },
  { path: "/__mock/scenarios" },
  { path: "/__mock/scenario" },
  putScenario("server-error"),
  { method: "DELETE", path: "/__mock/scenario" },
  { method: "POST", path: "/__mock/reset" },
  { path: "/__mock/accounts" },
  {
    method: "POST",
    path: "/__mock/accounts",
    headers: json,
    body: JSON.stringify({ identity: "new@example.com", secret: "pw-1", answer: "server-error" }),
  },
];
const label = (sent: Sent) => `${sent.method ?? "GET"} ${sent.path}`;
const problemType = (received: Received) => (JSON.parse(received.text) as { type: string }).type;

describe("the control API on this machine's names", () => {
  const servers = useHttpServers();
  const port = () => new URL(servers.url("seamless")).port;
  beforeEach(() => servers.mock.setScenario("seamless", "recaptcha-failed"));

  it.each(CONTROL_ROUTES.map((sent) => [label(sent), sent] as const))(
    "refuses %s under a foreign Host with 403 problem+json",
    async (_, sent) => {
      const received = await send(servers, "seamless", {
        ...sent,
        headers: { ...sent.headers, host: `evil.example:${port()}` },
      });
      expect(received.status, label(sent)).toBe(403);
      expect(received.headers["content-type"]).toBe("application/problem+json");
      expect(problemType(received)).toBe("urn:login-mock:problem:control-host-not-allowed");
      expect(JSON.parse(received.text).detail).toContain("--allowed-hosts evil.example");
      expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
    },
  );

  it.each([
    "evil.example:4011",
    "evil.example",
    "localhost.evil.example:4011",
    "127.0.0.1.nip.io:4011",
    "10.0.0.1:4011",
    "localhost:4011@evil.example",
  ])("refuses the DNS-rebinding style Host %s", async (host) => {
    const received = await send(servers, "seamless", { path: "/__mock/", headers: { host } });
    expect(received.status).toBe(403);
    expect(received.text).not.toContain("<html");
  });

  it.each(["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.4.5.6", "[::1]"])(
    "answers under the loopback name %s, with any port",
    async (name) => {
      const received = await send(servers, "seamless", {
        path: "/__mock/health",
        headers: { host: `${name}:${port()}` },
      });
      expect(received.status).toBe(200);
    },
  );

  it("still answers logins under any Host: the login is what a proxy or /etc/hosts points at", async () => {
    const received = await send(servers, "talkstack", {
      method: "POST",
      path: "/auth/login",
      headers: { host: "api.talkstackai.com", ...json },
      body: JSON.stringify({ email: "example@host.com", password: "XXXXXXXXXX" }),
    });
    expect(received.status).toBe(200);
  });

  it.each([
    ["another site", "https://evil.example"],
    ["a dev server on another port", "http://localhost:5173"],
    ["a sandboxed frame or file: page", "null"],
    ["the same host under another scheme and port", "https://127.0.0.1"],
  ])("refuses PUT, DELETE and POST from %s (Origin %s) and changes nothing", async (_, origin) => {
    servers.mock.setScenario("seamless", "recaptcha-failed");
    for (const sent of CONTROL_ROUTES.filter((route) => route.method !== undefined)) {
      const received = await send(servers, "seamless", {
        ...sent,
        headers: { ...sent.headers, origin },
      });
      expect(received.status, label(sent)).toBe(403);
      expect(problemType(received)).toBe("urn:login-mock:problem:control-cross-site");
    }
    expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
    expect(servers.mock.session().accounts()).toEqual([]);
  });

  it("refuses a change marked Sec-Fetch-Site: cross-site even without an Origin", async () => {
    const received = await send(servers, "seamless", {
      method: "POST",
      path: "/__mock/reset",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(received.status).toBe(403);
    expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
  });

  it.each([
    ["application/x-www-form-urlencoded", '{"scenario":"server-error"}'],
    ["text/plain", '{"scenario":"server-error"}'],
    ["text/plain;charset=UTF-8", '{"scenario":"server-error","x":"="}'],
    ["multipart/form-data; boundary=x", '--x\r\n\r\n{"scenario":"server-error"}\r\n--x--'],
  ])("refuses a %s body with 415 and changes nothing", async (type, body) => {
    const put = await send(servers, "seamless", {
      method: "PUT",
      path: "/__mock/scenario",
      headers: { "content-type": type },
      body,
    });
    expect(put.status).toBe(415);
    expect(problemType(put)).toBe("urn:login-mock:problem:control-json-only");
    expect(JSON.parse(put.text).detail).toContain("-H 'Content-Type: application/json'");
    // An empty form still sends its content type.
    const reset = await send(servers, "seamless", {
      method: "POST",
      path: "/__mock/reset",
      headers: { "content-type": type },
    });
    expect(reset.status).toBe(415);
    expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
  });

  it("refuses a body sent without a Content-Type", async () => {
    const received = await send(servers, "seamless", {
      method: "PUT",
      path: "/__mock/scenario",
      body: '{"scenario":"server-error"}',
    });
    expect(received.status).toBe(415);
    expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
  });

  it("sends no CORS headers on any control reply, even to a local Origin", async () => {
    const origin = "http://localhost:5173";
    for (const sent of CONTROL_ROUTES.filter((route) => route.method === undefined)) {
      const received = await send(servers, "seamless", { ...sent, headers: { origin } });
      expect(received.status, label(sent)).toBe(200);
      expect(Object.keys(received.headers).filter((h) => h.startsWith("access-control-"))).toEqual(
        [],
      );
    }
    const preflight = await send(servers, "seamless", {
      method: "OPTIONS",
      path: "/__mock/scenario",
      headers: {
        origin,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual(
      [],
    );
  });

  it.each(["talkstack", "seamless"])(
    "decides CORS by the path the server routes: //__mock is the control API on the %s port too",
    async (variant) => {
      const origin = "http://localhost:5173";
      const preflight = (path: string) =>
        send(servers, variant, {
          method: "OPTIONS",
          path,
          headers: { origin, "access-control-request-method": "POST" },
        });
      for (const path of ["//__mock/reset", "///__mock/scenario"]) {
        const received = await preflight(path);
        expect(
          Object.keys(received.headers).filter((h) => h.startsWith("access-control-")),
          path,
        ).toEqual([]);
      }
      const whoami = await preflight("//__mock/whoami");
      expect(whoami.status).toBe(204);
      expect(whoami.headers["access-control-allow-methods"]).toBe("GET, OPTIONS");
    },
  );

  it.each(["talkstack", "seamless"])(
    "guards //__mock on the %s port as it guards /__mock: it is the same control API",
    async (variant) => {
      servers.mock.setScenario("seamless", "recaptcha-failed");
      const foreign = await send(servers, variant, {
        method: "POST",
        path: "//__mock/reset",
        headers: { host: "evil.example" },
      });
      expect(foreign.status).toBe(403);
      expect(problemType(foreign)).toBe("urn:login-mock:problem:control-host-not-allowed");
      const crossSite = await send(servers, variant, {
        method: "POST",
        path: "//__mock/reset",
        headers: { origin: "https://evil.example" },
      });
      expect(crossSite.status).toBe(403);
      expect(problemType(crossSite)).toBe("urn:login-mock:problem:control-cross-site");
      expect(servers.mock.scenario("seamless")).toBe("recaptcha-failed");
      // From this machine, it is the control API itself.
      const own = await send(servers, variant, { method: "POST", path: "//__mock/reset" });
      expect(own.status).toBe(200);
      expect(servers.mock.scenario("seamless")).toBeNull();
    },
  );

  it("allows only the headers the mock reads in a login preflight", async () => {
    const received = await send(servers, "seamless", {
      method: "OPTIONS",
      path: "/auth/login",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-anything",
      },
    });
    expect(received.status).toBe(204);
    expect(received.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    // Authorization: a logout revokes the bearer token it is sent; x-anything is never allowed.
    expect(received.headers["access-control-allow-headers"]).toBe(
      "Authorization, Content-Type, Prefer, X-Mock-Scenario, X-Mock-Session",
    );
  });

  it("serves the panel unframeable and unsniffable", async () => {
    const received = await send(servers, "seamless", { path: "/__mock/" });
    expect(received.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(received.headers["x-frame-options"]).toBe("DENY");
    expect(received.headers["x-content-type-options"]).toBe("nosniff");
    const health = await send(servers, "seamless", { path: "/__mock/health" });
    expect(health.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("obeys curl and test code: no Origin, no Content-Type on a bodyless reset", async () => {
    const set = await send(servers, "seamless", putScenario("server-error"));
    expect(set.status).toBe(200);
    expect(servers.mock.scenario("seamless")).toBe("server-error");
    const reset = await send(servers, "seamless", { method: "POST", path: "/__mock/reset" });
    expect(reset.status).toBe(200);
    expect(servers.mock.scenario("seamless")).toBeNull();
  });

  it("obeys its own panel: Origin equal to the server as the Host names it", async () => {
    for (const name of ["127.0.0.1", "localhost"]) {
      const headers = {
        host: `${name}:${port()}`,
        origin: `http://${name}:${port()}`,
        "sec-fetch-site": "same-origin",
      };
      const set = await send(servers, "seamless", {
        ...putScenario("server-error"),
        headers: { ...json, ...headers },
      });
      expect(set.status).toBe(200);
      const cleared = await send(servers, "seamless", {
        method: "DELETE",
        path: "/__mock/scenario",
        headers,
      });
      expect(cleared.status).toBe(200);
      // The panel's reset: no body, but its application/json content type.
      const reset = await send(servers, "seamless", {
        method: "POST",
        path: "/__mock/reset",
        headers: { ...json, ...headers },
      });
      expect(reset.status).toBe(200);
    }
  });
});

describe("--allowed-hosts", () => {
  const allowed = (hosts: AllowedHosts) => useHttpServers({}, { allowedHosts: hosts });
  const listed = allowed(["mock.docker", ".lan.example"]);
  const any = allowed(true);

  it.each(["mock.docker:4011", "MOCK.docker", "lan.example", "box.lan.example:80"])(
    "opens the control API to the listed name %s",
    async (host) => {
      const received = await send(listed, "seamless", { path: "/__mock/", headers: { host } });
      expect(received.status).toBe(200);
    },
  );

  it("keeps refusing names it does not list", async () => {
    const received = await send(listed, "seamless", {
      path: "/__mock/health",
      headers: { host: "docker:4011" },
    });
    expect(received.status).toBe(403);
  });

  it("lets the panel under a listed name, behind an https proxy, change the mock", async () => {
    const received = await send(listed, "seamless", {
      ...putScenario("server-error"),
      headers: { ...json, host: "mock.docker", origin: "https://mock.docker" },
    });
    expect(received.status).toBe(200);
    expect(listed.mock.scenario("seamless")).toBe("server-error");
  });

  it("allows any name with `true`, and still refuses other origins", async () => {
    const host = "evil.example:4011";
    expect((await send(any, "seamless", { path: "/__mock/", headers: { host } })).status).toBe(200);
    const reset = await send(any, "seamless", {
      method: "POST",
      path: "/__mock/reset",
      headers: { host, origin: "http://attacker.example" },
    });
    expect(reset.status).toBe(403);
  });

  it("is read from the flag or LOGIN_MOCK_ALLOWED_HOSTS, and a bad name is a usage error", () => {
    expect(
      parseServeOptions(["--allowed-hosts", "mock.docker, .lan.example"], {}).allowedHosts,
    ).toEqual(["mock.docker", ".lan.example"]);
    expect(parseServeOptions([], { LOGIN_MOCK_ALLOWED_HOSTS: "all" }).allowedHosts).toBe(true);
    expect(parseServeOptions([], {}).allowedHosts).toEqual([]);
    expect(() => parseServeOptions(["--allowed-hosts", "http://mock.docker:4011"], {})).toThrow(
      UsageError,
    );
  });
});
