/**
 * `login-mock serve <spec file>`: a login API that is neither preset, read from a user's own
 * OpenAPI file, served by the CLI as a child process exactly as a user starts it. Its method,
 * path, fields, statuses and token header all come from the file; a file that does not load
 * starts nothing and says where it is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stopChild } from "./support/spawn-cli.ts";

const ID = "acme-sessions";
const LOGIN_PATH = "/api/v1/sessions";

/** POST /api/v1/sessions, JSON {login, pass}, 201 with the JWT in `x-session-token`. */
const SPEC = `openapi: 3.1.0
info:
  title: Acme Sessions — Login
  version: 1.0.0
servers:
  - url: https://api.acme.test
paths:
  /api/v1/sessions:
    post:
      operationId: createSession
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [login, pass]
              properties:
                login: { type: string, minLength: 1 }
                pass: { type: string, minLength: 1 }
      responses:
        "201":
          description: Logged in; the session token is in a header.
          headers:
            x-session-token:
              description: The session's JWT.
              schema: { type: string }
          content:
            application/json:
              schema:
                type: object
                required: [user]
                properties:
                  user:
                    type: object
                    required: [id, login]
                    properties:
                      id: { type: string }
                      login: { type: string }
              examples:
                created:
                  summary: Logged in
                  x-provoked-by: [valid-login]
                  value: { user: { id: usr_1, login: demo } }
        "400":
          description: The body does not fit the schema.
          content:
            application/json:
              schema:
                type: object
                required: [error]
                properties: { error: { type: string } }
              examples:
                bad-body:
                  summary: Missing or empty fields
                  x-provoked-by: [omit-login, omit-pass, empty-login, empty-pass]
                  value: { error: invalid_request }
        "401":
          description: Unknown login or wrong password.
          content:
            application/json:
              schema:
                type: object
                required: [error]
                properties: { error: { type: string } }
              examples:
                no-such-login:
                  summary: No account has this login
                  x-provoked-by: [unknown-account]
                  value: { error: unknown_login }
                wrong-pass:
                  summary: The password is wrong
                  x-provoked-by: [wrong-secret]
                  value: { error: wrong_password }
      x-login-mock:
        id: ${ID}
        identity: login
        secret: pass
        outcomes:
          success: created
          invalidRequest: bad-body
          unknownAccount: no-such-login
          wrongSecret: wrong-pass
        token:
          in: header
          header: x-session-token
          lifetimeSeconds: 900
        profile:
          pointer: /user
          identity: /login
          subject: /id
        accounts:
          - identity: demo
            secret: demo-pass-1
            note: the user of the success example
        unknownIdentity: nobody
        caseSensitiveIdentity: true
`;

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** A JWT's payload, decoded (not verified: whoami judges it below). */
function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

let dir: string;
let specFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "login-mock-user-spec-"));
  specFile = join(dir, "acme-login.yaml");
  writeFileSync(specFile, SPEC);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("login-mock serve <a spec file of the user's>", () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  let base: string;
  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${LOGIN_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startCli([specFile, "--port", "0", "--log", "off"]);
    base = server.byVariant[ID] ?? "";
  });
  afterAll(async () => {
    expect(await stopChild(server.child)).toBe(0);
  });

  it("serves only that API, its demo login in the banner from the spec's own fields", () => {
    expect(Object.keys(server.byVariant)).toEqual([ID]);
    expect(server.output()).toContain(`${ID} POST ${base}${LOGIN_PATH}    control panel`);
    expect(server.output()).toContain('demo login {"login":"demo","pass":"demo-pass-1"}');
    expect(server.output()).toContain(`npx login-mock scenarios ${specFile}`);
    // No challenge field in this spec: the banner does not talk about one.
    expect(server.output()).not.toContain("challenge");
  });

  it("logs the demo account in: 201, the example's body, and a JWT in the spec's header", async () => {
    const response = await login({ login: "demo", pass: "demo-pass-1" });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-mock-scenario")).toBe("created");
    expect(await response.json()).toEqual({ user: { id: "usr_1", login: "demo" } });
    const token = response.headers.get("x-session-token") ?? "";
    expect(token).toMatch(JWT);
    const payload = payloadOf(token);
    expect(payload.sub).toBe("usr_1");
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);

    // The mock judges its own token: valid, issued for this API's account.
    const who = await fetch(`${base}/__mock/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const report = (await who.json()) as { credentials: Record<string, unknown>[] };
    expect(report.credentials).toEqual([
      expect.objectContaining({ variant: ID, source: "bearer", state: "valid", subject: "usr_1" }),
    ]);
  });

  it("answers a wrong secret and an unknown login with their examples, and no token", async () => {
    const wrong = await login({ login: "demo", pass: "not-it" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("x-mock-scenario")).toBe("wrong-pass");
    expect(await wrong.json()).toEqual({ error: "wrong_password" });
    expect(wrong.headers.get("x-session-token")).toBeNull();

    const unknown = await login({ login: "nobody", pass: "anything" });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ error: "unknown_login" });

    const invalid = await login({ login: "demo" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: "invalid_request" });
  });

  it("forces a scenario by X-Mock-Scenario and by Prefer, even for the demo account", async () => {
    const forced = await login(
      { login: "demo", pass: "demo-pass-1" },
      { "x-mock-scenario": "no-such-login" },
    );
    expect(forced.status).toBe(401);
    expect(forced.headers.get("x-mock-scenario")).toBe("no-such-login");
    expect(await forced.json()).toEqual({ error: "unknown_login" });

    const preferred = await login(
      { login: "demo", pass: "demo-pass-1" },
      { prefer: "code=401, example=wrong-pass" },
    );
    expect(preferred.status).toBe(401);
    expect(await preferred.json()).toEqual({ error: "wrong_password" });

    const unknown = await login({}, { "x-mock-scenario": "recaptcha-failed" });
    expect(unknown.status).toBe(400);
    const problem = (await unknown.json()) as { detail: string; knownScenarios: string[] };
    expect(problem.detail).toContain(`Unknown scenario "recaptcha-failed" for ${ID}`);
    expect(problem.knownScenarios).toContain("wrong-pass");
  });

  it("lists and sets its scenario through the control API, by its id", async () => {
    const listed = await fetch(`${base}/__mock/scenario`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      variant: ID,
      session: "default",
      scenario: null,
      apis: { [ID]: null },
    });

    const set = await fetch(`${base}/__mock/scenario`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "bad-body" }),
    });
    expect(await set.json()).toMatchObject({ variant: ID, scenario: "bad-body" });
    expect((await login({ login: "demo", pass: "demo-pass-1" })).status).toBe(400);
    await fetch(`${base}/__mock/scenario`, { method: "DELETE" });
    expect((await login({ login: "demo", pass: "demo-pass-1" })).status).toBe(201);

    const other = await fetch(`${base}/__mock/scenario?variant=talkstack`);
    expect(other.status).toBe(400);
    expect(((await other.json()) as { detail: string }).detail).toContain(
      `"variant" must be the id of an API this mock serves: ${ID}; not "talkstack".`,
    );
  });

  it("serves the spec's path and method only, and says which in a 404 or 405", async () => {
    const presetPath = await fetch(`${base}/auth/login`, { method: "POST", body: "{}" });
    expect(presetPath.status).toBe(404);
    expect(((await presetPath.json()) as { detail: string }).detail).toContain(
      `This port serves POST ${LOGIN_PATH} (Acme Sessions — Login)`,
    );
    const get = await fetch(`${base}${LOGIN_PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("lets a local page read the token header (CORS exposes it)", async () => {
    const origin = "http://localhost:5173";
    const response = await login({ login: "demo", pass: "demo-pass-1" }, { origin });
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-expose-headers")).toBe(
      "X-Mock-Scenario, X-Mock-Fault, x-session-token",
    );
  });

  it("shows the API in the control panel with its declared demo account", async () => {
    const html = await (await fetch(`${base}/__mock/`)).text();
    expect(html).toContain(`<section id="variant-${ID}"`);
    expect(html).toContain("<code>demo</code></td><td><code>demo-pass-1</code>");
    expect(html).toContain('<th scope="col">login</th><th scope="col">pass</th>');
    expect(html).toContain("Acme Sessions — Login 15 min");
  });
});

describe("login-mock serve <a spec that does not load>", () => {
  it("exits 2 naming the file, the JSON pointer and the fix, and starts nothing", () => {
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, SPEC.replace("success: created", "success: nope"));
    const { status, stdout, stderr } = runCli(["serve", broken, "--port", "0"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(broken);
    expect(stderr).toContain("/paths/~1api~1v1~1sessions/post/x-login-mock/outcomes/success");
    expect(stderr).toContain('no response example of this operation is named "nope"');
    expect(stderr).toContain("Name one of: created, bad-body, no-such-login, wrong-pass");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("starts nothing when one of several specs fails, even a preset beside it", () => {
    const broken = join(dir, "broken-id.yaml");
    writeFileSync(broken, SPEC.replace(`id: ${ID}`, "id: Not An Id"));
    const { status, stdout, stderr } = runCli(["serve", "talkstack", broken, "--port", "0"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${broken} at /paths/~1api~1v1~1sessions/post/x-login-mock/id`);
  });

  it("refuses two specs with one id", () => {
    const copy = join(dir, "copy.yaml");
    writeFileSync(copy, SPEC);
    const { status, stderr } = runCli(["serve", specFile, copy, "--port", "0"]);
    expect(status).toBe(2);
    expect(stderr).toContain(`${specFile} and ${copy} both have the id "${ID}"`);
  });
});

describe("login-mock serve <a spec> <a preset>", () => {
  it("serves each on a port of its own, in the order given", async () => {
    const { child, byVariant, urls } = await startCli([
      specFile,
      "talkstack",
      "--port",
      "0",
      "--log",
      "off",
    ]);
    try {
      expect(Object.keys(byVariant)).toEqual([ID, "talkstack"]);
      expect(new Set(urls).size).toBe(2);
      const scenario = (await (await fetch(`${urls[1]}/__mock/scenario`)).json()) as {
        apis: Record<string, unknown>;
      };
      expect(Object.keys(scenario.apis)).toEqual([ID, "talkstack"]);
    } finally {
      expect(await stopChild(child)).toBe(0);
    }
  });
});
