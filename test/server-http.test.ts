import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { isLoopback } from "../server/control-api.ts";
import { tooManyInFlight, tooMuchHeldWork } from "../server/problems.ts";
import { useHttpServers } from "./support/http-servers.ts";

const servers = useHttpServers({}, { headersTimeoutMs: 400, requestTimeoutMs: 800 });
const login = (variant: "talkstack" | "seamless", init: RequestInit = {}) =>
  fetch(`${servers.url(variant)}/auth/login`, { method: "POST", ...init });
const seamlessBody = JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" });

/** Sends raw bytes and returns what the server wrote back before closing. */
function rawExchange(
  variant: "talkstack" | "seamless",
  bytes: string,
  waitMs = 3000,
): Promise<string> {
  const url = new URL(servers.url(variant));
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("close", () => resolve(received));
    socket.on("error", () => resolve(received));
    setTimeout(() => {
      socket.destroy();
      resolve(`${received}[still open]`);
    }, waitMs);
  });
}

describe("CORS for a dev server on another port", () => {
  it("answers the preflight for a localhost origin, echoing it with credentials", async () => {
    const response = await fetch(`${servers.url("seamless")}/auth/login`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-mock-scenario",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    // The headers the mock reads, whatever the page asks for.
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "Authorization, Content-Type, Prefer, X-Mock-Scenario, X-Mock-Session",
    );
  });

  it("echoes an allowed origin on the login itself, never *", async () => {
    const response = await login("seamless", {
      headers: { origin: "http://127.0.0.1:3000", "content-type": "application/json" },
      body: seamlessBody,
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(response.headers.get("access-control-expose-headers")).toContain("X-Mock-Scenario");
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("gives no CORS grant to an origin outside the allowed list", async () => {
    const response = await login("talkstack", {
      headers: { origin: "https://evil.example" },
      body: "{}",
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the control API", () => {
  // The control API takes JSON bodies only; fetch would label a string body text/plain.
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${servers.url("seamless")}/__mock${path}`, {
      ...init,
      ...(init.body === undefined ? {} : { headers: { "content-type": "application/json" } }),
    });

  it("reports health", async () => {
    expect(await (await control("/health")).json()).toMatchObject({
      status: "ok",
      variant: "seamless",
      seed: 1,
    });
  });

  it("lists the variant's scenarios", async () => {
    const body = (await (await control("/scenarios")).json()) as { scenarios: { name: string }[] };
    expect(body.scenarios.map((s) => s.name)).toContain("recaptcha-failed");
  });

  it("sets a sticky scenario that the next logins get, and clears it", async () => {
    const set = await control("/scenario", {
      method: "PUT",
      body: JSON.stringify({ scenario: "recaptcha-failed" }),
    });
    expect(await set.json()).toEqual({
      variant: "seamless",
      session: "default",
      scenario: "recaptcha-failed",
      apis: { talkstack: null, seamless: "recaptcha-failed" },
    });
    // Every port lists every API's, by id.
    const listed = await fetch(`${servers.url("talkstack")}/__mock/scenario`);
    expect(await listed.json()).toEqual({
      variant: "talkstack",
      session: "default",
      scenario: null,
      apis: { talkstack: null, seamless: "recaptcha-failed" },
    });
    const forced = await login("seamless", {
      headers: { "content-type": "application/json" },
      body: seamlessBody,
    });
    expect(forced.headers.get("x-mock-scenario")).toBe("recaptcha-failed");
    await control("/scenario", { method: "DELETE" });
    const normal = await login("seamless", {
      headers: { "content-type": "application/json" },
      body: seamlessBody,
    });
    expect(normal.status).toBe(200);
  });

  it("refuses an unknown scenario with problem+json listing the known ones", async () => {
    const response = await control("/scenario", {
      method: "PUT",
      body: JSON.stringify({ scenario: "nope" }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { knownScenarios: string[] }).knownScenarios).toContain(
      "server-error",
    );
  });

  it("says which variant has a scenario this port's does not, and how to set it there", async () => {
    const response = await control("/scenario", {
      method: "PUT",
      body: JSON.stringify({ scenario: "user-not-found" }),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string; otherVariants: string[] };
    expect(problem.otherVariants).toEqual(["talkstack"]);
    expect(problem.detail).toContain('"user-not-found" is a scenario of talkstack');
    const suggested = /send (\{.*?\})\./.exec(problem.detail)?.[1] ?? "";
    expect(JSON.parse(suggested)).toEqual({ scenario: "user-not-found", variant: "talkstack" });
    const set = await control("/scenario", { method: "PUT", body: suggested });
    expect(await set.json()).toMatchObject({ variant: "talkstack", scenario: "user-not-found" });
    await control("/scenario?variant=talkstack", { method: "DELETE" });
  });

  it("explains a malformed control request with an example body this port accepts", async () => {
    for (const variant of ["talkstack", "seamless"] as const) {
      const url = `${servers.url(variant)}/__mock/scenario`;
      const put = (body: string) =>
        fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body });
      const { detail } = (await (await put('"recaptcha-failed"')).json()) as { detail: string };
      const example = /like (\{.*?\})/.exec(detail)?.[1] ?? "";
      expect(example).toMatch(/^\{"scenario": "[\w-]+"\}$/);
      expect((await put(example)).status).toBe(200);
      await fetch(url, { method: "DELETE" });
    }
  });

  it("resets the store", async () => {
    await control("/reset", { method: "POST" });
    const seeded = servers.mock.store.snapshot();
    await login("seamless", {
      headers: { "content-type": "application/json" },
      body: seamlessBody,
    });
    expect(servers.mock.store.snapshot()).not.toBe(seeded);
    expect((await control("/reset", { method: "POST" })).status).toBe(200);
    expect(servers.mock.store.snapshot()).toBe(seeded);
  });

  it("serves the control panel page with a button per scenario", async () => {
    const response = await control("/");
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain('data-scenario="recaptcha-failed"');
    expect(html).toContain(SEAMLESS_DEMO.documented.email);
  });

  it("trusts only loopback callers", () => {
    const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as never;
    expect(isLoopback(from("127.0.0.1"))).toBe(true);
    expect(isLoopback(from("::ffff:127.0.0.1"))).toBe(true);
    expect(isLoopback(from("::1"))).toBe(true);
    expect(isLoopback(from("192.168.1.20"))).toBe(false);
  });
});

describe("bad requests", () => {
  it("answers an unknown path with 404 problem+json naming the port's own login route", async () => {
    const response = await fetch(`${servers.url("talkstack")}/auth/signout`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toBe(
      "[login-mock] POST /auth/signout is not served. This port serves POST /auth/login, POST /auth/refresh, POST /auth/logout (TalkStack AI — Login), and its control API under /__mock/ (open /__mock/ in a browser).",
    );
    const seamless = await fetch(`${servers.url("seamless")}/nope`);
    expect(((await seamless.json()) as { detail: string }).detail).toContain(
      "This port serves POST /auth/login (also //auth/login), POST /auth/logout (Seamless (Oriserve) — Login)",
    );
  });

  it("answers GET /auth/login with 405 problem+json", async () => {
    const response = await fetch(`${servers.url("talkstack")}/auth/login`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as { detail: string }).detail).toContain("Use POST");
  });

  it("answers a body over the limit with 413 and keeps serving", async () => {
    const response = await login("talkstack", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.co", password: "x".repeat(200 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      type: "urn:login-mock:problem:body-too-large",
      title: "Request body too large",
      status: 413,
      detail:
        "[login-mock] The request body is larger than 102400 bytes. A login body is a few hundred bytes; send only the fields the login's schema lists.",
      limitBytes: 102400,
    });
    const next = await login("talkstack", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(TALKSTACK_DEMO.documented),
    });
    expect(next.status).toBe(200);
  });

  it("answers invalid UTF-8 with the vendor's documented error", async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","password":"x"}'),
    ]);
    const response = await login("talkstack", {
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { loginStatus: number }).loginStatus).toBe(9);
  });

  it("answers a malformed request line with 400 and closes", async () => {
    expect(await rawExchange("talkstack", "NOT A REQUEST\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
  });

  it("drops a client that never finishes its headers", async () => {
    const started = Date.now();
    const received = await rawExchange(
      "seamless",
      "POST /auth/login HTTP/1.1\r\nHost: x\r\n",
      5000,
    );
    expect(received).not.toContain("[still open]");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("serves the Seamless examples' double-slash URL, an alias its spec declares", async () => {
    expect(servers.mock.api("seamless").operation.paths).toEqual(["/auth/login", "//auth/login"]);
    const response = await fetch(`${servers.url("seamless")}//auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: seamlessBody,
    });
    expect(response.status).toBe(200);
  });

  it("serves no path a spec does not declare: no alias on TalkStack, no other slashes", async () => {
    const post = (variant: "talkstack" | "seamless", path: string) =>
      rawExchange(
        variant,
        `POST ${path} HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
      );
    expect(await post("talkstack", "//auth/login")).toMatch(/^HTTP\/1\.1 404/);
    expect(await post("seamless", "///auth/login")).toMatch(/^HTTP\/1\.1 404/);
    expect(await post("seamless", "/auth//login")).toMatch(/^HTTP\/1\.1 404/);
    // The alias reaches the login itself: Seamless' answer to an empty body.
    expect(await post("seamless", "//auth/login")).toMatch(
      /^HTTP\/1\.1 422 [\s\S]*x-mock-scenario: missing-fields/,
    );
  });
});

describe("X-Mock-Scenario on every reply outside the control API", () => {
  const json = { "content-type": "application/json" };
  it.each([
    [
      "a data-driven login",
      "talkstack",
      { headers: json, body: JSON.stringify(TALKSTACK_DEMO.documented) },
      200,
      "success",
    ],
    [
      "the truncated-json fault",
      "seamless",
      { headers: { ...json, "x-mock-scenario": "truncated-json" }, body: seamlessBody },
      200,
      "truncated-json",
    ],
    [
      "a body over the limit",
      "talkstack",
      {
        headers: json,
        body: JSON.stringify({ email: "a@b.co", password: "x".repeat(200 * 1024) }),
      },
      413,
      "body-too-large",
    ],
    [
      "an unknown scenario",
      "seamless",
      { headers: { ...json, "x-mock-scenario": "nope" }, body: seamlessBody },
      400,
      "unknown-scenario",
    ],
    [
      "a Prefer code the spec does not document",
      "seamless",
      { headers: { ...json, prefer: "code=418" }, body: seamlessBody },
      400,
      "no-such-response",
    ],
    [
      "a bad session id",
      "talkstack",
      { headers: { ...json, "x-mock-session": "no spaces" }, body: "{}" },
      400,
      "bad-session-id",
    ],
  ] as const)("names %s", async (_, variant, init, status, name) => {
    const response = await login(variant, init);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-mock-scenario")).toBe(name);
  });

  it("names the server's own 404 and 405", async () => {
    const missing = await fetch(`${servers.url("talkstack")}/auth/signout`, { method: "POST" });
    expect(missing.headers.get("x-mock-scenario")).toBe("no-such-route");
    const wrongMethod = await fetch(`${servers.url("talkstack")}/auth/login`);
    expect(wrongMethod.headers.get("x-mock-scenario")).toBe("method-not-allowed");
  });

  it("names the 503s that protect the server by their problem type", () => {
    const named = (reply: ReturnType<typeof tooManyInFlight>) =>
      reply.kind === "response" ? new Map(reply.headers).get("x-mock-scenario") : undefined;
    expect(named(tooManyInFlight(8))).toBe("too-many-pipelined-requests");
    expect(named(tooMuchHeldWork(400))).toBe("too-much-held-work");
  });

  it("names a request Node itself refuses", async () => {
    expect(await rawExchange("talkstack", "NOT A REQUEST\r\n\r\n")).toMatch(
      /x-mock-scenario: malformed-request/i,
    );
  });
});

describe("the request log", () => {
  it("never holds a password, token or cookie", async () => {
    const secret = "Log-Me-Not-123";
    await login("talkstack", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x@y.co", password: secret }),
    });
    const success = await login("seamless", {
      headers: { "content-type": "application/json", cookie: "token=abc.def.ghi" },
      body: seamlessBody,
    });
    const token = success.headers.getSetCookie()[0]?.split(";")[0]?.split("=")[1] ?? "missing";
    await fetch(`${servers.url("talkstack")}/auth/login?password=${secret}`, {
      method: "POST",
      body: "{}",
    });
    const log = servers.logLines.join("\n");
    expect(log).toContain("/auth/login");
    for (const secretValue of [secret, token, SEAMLESS_DEMO.documented.password, "abc.def.ghi"]) {
      expect(log).not.toContain(secretValue);
    }
  });
});

describe("delayed replies on one keep-alive connection", () => {
  const delayed = useHttpServers({ delayMs: 2 });

  it("leave no listener behind per request (no MaxListenersExceededWarning)", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      // Sequential requests reuse fetch's pooled keep-alive socket.
      for (let i = 0; i < 25; i++) {
        const response = await fetch(`${delayed.url("talkstack")}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        await response.arrayBuffer();
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});
