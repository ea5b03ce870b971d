/**
 * Refresh and logout, as a frontend meets them: the refresh token a login gives buys a new
 * access token (and, where the spec rotates, a new refresh token); a retired one sent again
 * revokes its whole login; a logout revokes what it is sent and clears the cookie with the
 * attributes it was set with; whoami then says revoked. For the presets' inferred operations
 * and for a user's spec that declares its own (a form body, no rotation, a 204 logout on the
 * login's own path with DELETE, a 401 when nothing is sent).
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginMock, type LoginMock } from "../mocks/core/login-mock.ts";
import type { MockReply } from "../mocks/core/pipeline/mock-reply.ts";
import type { LoginInput } from "../mocks/core/pipeline/request-data.ts";
import { MAX_REFRESH_TOKENS, MAX_TOKEN_FAMILIES } from "../mocks/core/sessions/token-families.ts";
import { createHandlers } from "../mocks/msw/handlers.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { LoginSpecError } from "../openapi/login-spec-error.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { builtInApis } from "../presets/index.ts";
import { type RunningServers, startServers } from "../server/start-servers.ts";
import { freshSpec } from "./support/fresh-spec.ts";

const json = (body: unknown, extra: Partial<LoginInput> = {}): LoginInput => ({
  contentType: "application/json",
  bodyText: JSON.stringify(body),
  prefer: null,
  scenario: null,
  ...extra,
});
const nothing = (extra: Partial<LoginInput> = {}): LoginInput => ({
  contentType: null,
  bodyText: "",
  prefer: null,
  scenario: null,
  ...extra,
});

function bodyOf(reply: MockReply): Record<string, unknown> {
  if (reply.kind !== "response") throw new Error(`no response: ${reply.kind}`);
  return JSON.parse(reply.body) as Record<string, unknown>;
}
const statusOf = (reply: MockReply) => (reply.kind === "response" ? reply.status : null);
const served = (reply: MockReply) =>
  reply.kind === "response"
    ? reply.headers.find(([name]) => name === "x-mock-scenario")?.[1]
    : undefined;

async function talkstackLogin(mock: LoginMock, session?: string) {
  const { email, password } = TALKSTACK_DEMO.documented;
  const reply = await mock.handle(
    "talkstack",
    json({ email, password }, session === undefined ? {} : { session }),
  );
  const body = bodyOf(reply);
  return { token: body.token as string, refreshToken: body.refreshToken as string };
}

async function whoamiState(mock: LoginMock, token: string, session?: string) {
  const report = await mock.whoami(mock.session(session ?? null), {
    cookie: null,
    authorization: `Bearer ${token}`,
  });
  return report.credentials[0]?.state;
}

describe("TalkStack's inferred refresh (rotating)", () => {
  it("exchanges the login's refresh token for a new token pair, and the new token is valid", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    const reply = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }),
    );
    expect(statusOf(reply)).toBe(200);
    expect(served(reply)).toBe("refreshed");
    const body = bodyOf(reply);
    expect(body.refreshToken).not.toBe(login.refreshToken);
    // The access token is signed afresh (within the same second it may equal the old one:
    // same claims, same iat); its login (`sid`) is the same.
    expect((body.token as string).split(".")).toHaveLength(3);
    expect(Date.parse(body.expirationTime as string)).toBeGreaterThan(Date.now());
    expect(await whoamiState(mock, body.token as string)).toBe("valid");
  });

  it("keeps the user signed in past the access token's life: expired token, fresh one after refresh", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    mock.session().clock.advance(2 * 3600 + 1);
    expect(await whoamiState(mock, login.token)).toBe("expired");
    const body = bodyOf(
      await mock.handleOperation(
        "talkstack",
        "refresh",
        json({ refreshToken: login.refreshToken }),
      ),
    );
    expect(await whoamiState(mock, body.token as string)).toBe("valid");
  });

  it("refuses a retired refresh token as reuse and revokes the whole login", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    const first = bodyOf(
      await mock.handleOperation(
        "talkstack",
        "refresh",
        json({ refreshToken: login.refreshToken }),
      ),
    );
    const reuse = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }),
    );
    expect([statusOf(reuse), served(reuse)]).toEqual([401, "refresh-token-reused"]);
    // The newest token of that login is refused too, and its access tokens read as revoked.
    const newest = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: first.refreshToken }),
    );
    expect([statusOf(newest), served(newest)]).toEqual([401, "refresh-token-invalid"]);
    expect(await whoamiState(mock, first.token as string)).toBe("revoked");
    expect(await whoamiState(mock, login.token)).toBe("revoked");
    // Another login of the same account is not touched.
    const other = await talkstackLogin(mock);
    expect(await whoamiState(mock, other.token)).toBe("valid");
  });

  it("lets exactly one of two concurrent refreshes with one token through", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    const replies = await Promise.all(
      [1, 2].map(() =>
        mock.handleOperation("talkstack", "refresh", json({ refreshToken: login.refreshToken })),
      ),
    );
    expect(replies.map(statusOf).sort()).toEqual([200, 401]);
  });

  it("answers an unknown, an expired and a missing refresh token with the spec's examples", async () => {
    const mock = createLoginMock();
    const unknown = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: "not-one-this-mock-gave-out" }),
    );
    expect([statusOf(unknown), served(unknown)]).toEqual([401, "refresh-token-invalid"]);
    for (const body of [{}, { refreshToken: "" }, { refreshToken: 42 }]) {
      const missing = await mock.handleOperation("talkstack", "refresh", json(body));
      expect([statusOf(missing), served(missing)], JSON.stringify(body)).toEqual([
        400,
        "refresh-token-missing",
      ]);
    }
    const login = await talkstackLogin(mock);
    mock.session().clock.advance(31 * 24 * 3600);
    const expired = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }),
    );
    expect([statusOf(expired), served(expired)]).toEqual([401, "refresh-token-expired"]);
  });

  it("keeps refresh tokens to the session that gave them out", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock, "alice");
    const elsewhere = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }, { session: "bob" }),
    );
    expect(statusOf(elsewhere)).toBe(401);
    const home = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }, { session: "alice" }),
    );
    expect(statusOf(home)).toBe(200);
  });

  it("gives working tokens when Prefer forces the success, as a forced login success does", async () => {
    const mock = createLoginMock();
    const forced = bodyOf(
      await mock.handleOperation("talkstack", "refresh", json({}, { prefer: "example=refreshed" })),
    );
    expect(await whoamiState(mock, forced.token as string)).toBe("valid");
    const next = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: forced.refreshToken }),
    );
    expect(statusOf(next)).toBe(200);
  });

  it("serves any of the operation's examples by Prefer, as the login does", async () => {
    const mock = createLoginMock();
    const reply = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({}, { prefer: "example=refresh-token-expired" }),
    );
    expect([statusOf(reply), served(reply)]).toEqual([401, "refresh-token-expired"]);
    const none = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({}, { prefer: "code=418" }),
    );
    expect(statusOf(none)).toBe(400);
  });

  it("forgets the oldest refresh tokens past its bound, answering them as unknown", async () => {
    const mock = createLoginMock();
    const first = await talkstackLogin(mock);
    for (let index = 0; index < MAX_REFRESH_TOKENS; index++) await talkstackLogin(mock);
    const reply = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: first.refreshToken }),
    );
    expect(served(reply)).toBe("refresh-token-invalid");
  });
});

describe("what a session remembers", () => {
  it("never lets an old token name a login of the session made again under its id", async () => {
    const mock = createLoginMock();
    const before = await talkstackLogin(mock, "qa1");
    mock.reset();
    const after = await talkstackLogin(mock, "qa1");
    await mock.handleOperation(
      "talkstack",
      "logout",
      nothing({ authorization: `Bearer ${before.token}`, session: "qa1" }),
    );
    expect(await whoamiState(mock, after.token, "qa1")).toBe("valid");
    const refresh = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: after.refreshToken }, { session: "qa1" }),
    );
    expect(statusOf(refresh)).toBe(200);
  });

  it("forgets a forgotten login's refresh tokens with it", async () => {
    const mock = createLoginMock();
    const first = await talkstackLogin(mock);
    for (let index = 0; index < MAX_TOKEN_FAMILIES; index++) await talkstackLogin(mock);
    const reply = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: first.refreshToken }),
    );
    expect(served(reply)).toBe("refresh-token-invalid");
  });

  it("keeps one API's refresh tokens and logins from another's", async () => {
    const other = loginApiFromDocument(sessionSpec(), "other.yaml");
    const mock = createLoginMock({ apis: [...builtInApis(), other] });
    const login = await talkstackLogin(mock);
    const elsewhere = await mock.handleOperation("fresh", "refresh", {
      contentType: "application/x-www-form-urlencoded",
      bodyText: new URLSearchParams({ renewal: login.refreshToken }).toString(),
      prefer: null,
      scenario: null,
    });
    expect(statusOf(elsewhere)).toBe(401);
    await mock.handleOperation(
      "fresh",
      "logout",
      nothing({ authorization: `Bearer ${login.token}` }),
    );
    expect(await whoamiState(mock, login.token)).toBe("valid");
  });
});

describe("logout", () => {
  it("revokes the bearer token's login and its refresh token (TalkStack)", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    const reply = await mock.handleOperation(
      "talkstack",
      "logout",
      nothing({ authorization: `Bearer ${login.token}` }),
    );
    expect([statusOf(reply), served(reply)]).toEqual([200, "logged-out"]);
    expect(await whoamiState(mock, login.token)).toBe("revoked");
    const refresh = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }),
    );
    expect(statusOf(refresh)).toBe(401);
  });

  it("revokes a refresh token sent in the body alone", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    await mock.handleOperation("talkstack", "logout", json({ refreshToken: login.refreshToken }));
    expect(await whoamiState(mock, login.token)).toBe("revoked");
  });

  it("answers a mistyped refresh token in the body with the spec's invalid-request example", async () => {
    const mock = createLoginMock();
    const reply = await mock.handleOperation("talkstack", "logout", json({ refreshToken: 42 }));
    expect([statusOf(reply), served(reply)]).toEqual([400, "logout-invalid"]);
  });

  it("answers success when nothing is sent, and to a second logout: logging out twice is not an error", async () => {
    const mock = createLoginMock();
    expect(statusOf(await mock.handleOperation("talkstack", "logout", nothing()))).toBe(200);
    const login = await talkstackLogin(mock);
    const logout = () =>
      mock.handleOperation(
        "talkstack",
        "logout",
        nothing({ authorization: `Bearer ${login.token}` }),
      );
    expect([statusOf(await logout()), statusOf(await logout())]).toEqual([200, 200]);
  });

  it("clears Seamless' cookie with the attributes it was set with, and revokes its token", async () => {
    const mock = createLoginMock();
    const { email, password } = SEAMLESS_DEMO.documented;
    const login = await mock.handle("seamless", json({ email, password, recaptchaVal: "ok" }));
    if (login.kind !== "response") throw new Error("no login");
    const setCookie = login.headers.find(([name]) => name === "set-cookie")?.[1] ?? "";
    const pair = setCookie.split(";")[0] ?? "";
    const reply = await mock.handleOperation("seamless", "logout", nothing({ cookie: pair }));
    if (reply.kind !== "response") throw new Error("no logout");
    const cleared = reply.headers.find(([name]) => name === "set-cookie")?.[1] ?? "";
    expect(cleared).toBe(
      setCookie.replace(/^token=[^;]*/, "token=").replace(/Max-Age=\d+/, "Max-Age=0"),
    );
    const report = await mock.whoami(mock.session(), { cookie: pair, authorization: null });
    expect(report.credentials.map((credential) => credential.state)).toEqual(["revoked"]);
  });

  it("does not revoke a token of another session, or one this mock did not sign", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock, "carol");
    await mock.handleOperation(
      "talkstack",
      "logout",
      nothing({ authorization: `Bearer ${login.token}`, session: "dave" }),
    );
    expect(await whoamiState(mock, login.token, "carol")).toBe("valid");
    const forged = `${login.token.slice(0, login.token.lastIndexOf(".") + 1)}AAAA`;
    await mock.handleOperation(
      "talkstack",
      "logout",
      nothing({ authorization: `Bearer ${forged}`, session: "carol" }),
    );
    expect(await whoamiState(mock, login.token, "carol")).toBe("valid");
  });

  it("is dropped with the session by a reset", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock);
    mock.reset();
    const refresh = await mock.handleOperation(
      "talkstack",
      "refresh",
      json({ refreshToken: login.refreshToken }),
    );
    expect(statusOf(refresh)).toBe(401);
  });
});

describe("the journal", () => {
  it("records refresh and logout by operation, with no token in it", async () => {
    const mock = createLoginMock();
    const login = await talkstackLogin(mock, "journal");
    const refreshed = bodyOf(
      await mock.handleOperation(
        "talkstack",
        "refresh",
        json({ refreshToken: login.refreshToken }, { session: "journal" }),
      ),
    );
    await mock.handleOperation(
      "talkstack",
      "logout",
      json(
        { refreshToken: refreshed.refreshToken },
        { session: "journal", authorization: `Bearer ${refreshed.token}` },
      ),
    );
    const entries = mock.session("journal").journal.entries();
    expect(
      entries.map(({ operation, path, status, scenario }) => [operation, path, status, scenario]),
    ).toEqual([
      ["logout", "/auth/logout", 200, "logged-out"],
      ["refresh", "/auth/refresh", 200, "refreshed"],
      ["login", "/auth/login", 200, "success"],
    ]);
    expect(entries[1]?.fields).toEqual({ refreshToken: { present: true, wellFormed: true } });
    const text = JSON.stringify(entries);
    for (const secret of [login.token, login.refreshToken, refreshed.token, refreshed.refreshToken])
      expect(text.includes(secret as string)).toBe(false);
  });
});

/** The fresh spec with a form refresh that does not rotate and a 204 DELETE logout. */
function sessionSpec(): Record<string, unknown> {
  const spec = freshSpec() as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const sessions = spec.paths["/api/v2/sessions"] as Record<string, Record<string, unknown>>;
  const put = sessions.put as {
    responses: Record<string, { content: Record<string, Record<string, unknown>> }>;
    "x-login-mock": Record<string, unknown>;
  };
  const created = put.responses["201"]?.content["application/json"] as {
    examples: { opened: { value: { result: { auth: Record<string, unknown> } } } };
  };
  created.examples.opened.value.result.auth.renewal = "placeholder-renewal";
  const block = put["x-login-mock"];
  block.token = { ...(block.token as object), refresh: "/result/auth/renewal" };
  block.refresh = {
    operation: "POST /api/v2/sessions/renew",
    field: "renewal",
    lifetimeSeconds: 3600,
    token: { pointer: "/bearer" },
    outcomes: { success: "renewed", invalidRequest: "unusable", unknownToken: "unusable" },
  };
  block.logout = {
    operation: "DELETE /api/v2/sessions",
    outcomes: { success: "204", unauthenticated: "not-signed-in" },
  };
  const problem = (name: string, code: string) => ({
    content: {
      "application/json": {
        schema: { type: "object", required: ["code"], properties: { code: { type: "string" } } },
        examples: { [name]: { value: { code } } },
      },
    },
  });
  sessions.delete = {
    responses: {
      "204": { description: "Closed" },
      "401": { description: "Nothing to close", ...problem("not-signed-in", "anonymous") },
    },
  };
  spec.paths["/api/v2/sessions/renew"] = {
    post: {
      requestBody: {
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["renewal"],
              properties: { renewal: { type: "string", minLength: 8 } },
            },
          },
        },
      },
      responses: {
        "200": {
          description: "Renewed",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["bearer"],
                properties: { bearer: { type: "string" } },
              },
              examples: { renewed: { value: { bearer: "placeholder" } } },
            },
          },
        },
        "401": { description: "Unusable", ...problem("unusable", "unusable") },
      },
    },
  };
  return spec;
}

describe("a user's own spec: form refresh without rotation, a 204 DELETE logout", () => {
  const api = loginApiFromDocument(sessionSpec(), "session-spec.yaml");
  let running: RunningServers;
  let base: string;
  const mock = createLoginMock({ apis: [api] });
  beforeAll(async () => {
    running = await startServers({ variants: ["fresh"], port: 0, mock, log: () => {} });
    base = running.urls.fresh ?? "";
  });
  afterAll(async () => running.close(100));

  async function login() {
    const response = await fetch(`${base}/api/v2/sessions`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-mock-session": "user-spec" },
      body: JSON.stringify({ handle: "quill", passphrase: "ink-and-paper" }),
    });
    const body = (await response.json()) as { result: { auth: Record<string, string> } };
    return body.result.auth as { bearer: string; renewal: string };
  }
  const renew = (renewal: string) =>
    fetch(`${base}/api/v2/sessions/renew`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-mock-session": "user-spec",
      },
      body: new URLSearchParams({ renewal }).toString(),
    });

  it("renews over HTTP with a form body, and the same renewal token keeps working", async () => {
    const auth = await login();
    for (let round = 0; round < 2; round++) {
      const response = await renew(auth.renewal);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { bearer: string };
      expect(body.bearer.split(".")).toHaveLength(3);
    }
    // Off the schema (minLength 8): the spec's invalid-request example.
    expect((await renew("short")).status).toBe(401);
  });

  it("logs out with DELETE on the login's path: 204 without a body, then 401 with nothing to end", async () => {
    const auth = await login();
    const close = () =>
      fetch(`${base}/api/v2/sessions`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${auth.bearer}`, "x-mock-session": "user-spec" },
      });
    const first = await close();
    expect(first.status).toBe(204);
    expect(first.headers.get("content-type")).toBeNull();
    // RFC 9110 §8.6: a 204 carries no Content-Length.
    expect(first.headers.get("content-length")).toBeNull();
    expect(await first.text()).toBe("");
    const second = await close();
    expect(second.status).toBe(401);
    expect((await renew(auth.renewal)).status).toBe(401);
    const patch = await fetch(`${base}/api/v2/sessions`, { method: "PATCH" });
    expect([patch.status, patch.headers.get("allow")]).toEqual([405, "PUT, DELETE, OPTIONS"]);
  });

  it("is answered the same through MSW's setupServer", async () => {
    const mswMock = createLoginMock({ apis: [api] });
    const server = setupServer(
      ...createHandlers(mswMock, { baseUrls: { fresh: ["http://fresh.test"] } }),
    );
    server.listen();
    try {
      const opened = await fetch("http://fresh.test/api/v2/sessions", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ handle: "nib", passphrase: "sharp-point" }),
      });
      const auth = ((await opened.json()) as { result: { auth: Record<string, string> } }).result
        .auth as { bearer: string; renewal: string };
      const renewed = await fetch("http://fresh.test/api/v2/sessions/renew", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `renewal=${encodeURIComponent(auth.renewal)}`,
      });
      expect(renewed.status).toBe(200);
      const closed = await fetch("http://fresh.test/api/v2/sessions", {
        method: "DELETE",
        headers: { authorization: `Bearer ${auth.bearer}` },
      });
      expect(closed.status).toBe(204);
    } finally {
      server.close();
    }
  });
});

describe("a login alias with extra leading slashes", () => {
  it("reaches the logout behind the same slashes, over HTTP and through MSW", async () => {
    const mock = createLoginMock();
    const running = await startServers({
      variants: ["seamless"],
      port: 0,
      mock,
      log: () => {},
    });
    try {
      const base = running.urls.seamless ?? "";
      const response = await fetch(`${base}//auth/logout`, { method: "POST" });
      expect([response.status, response.headers.get("x-mock-scenario")]).toEqual([
        200,
        "logged-out",
      ]);
    } finally {
      await running.close(100);
    }
    const server = setupServer(
      ...createHandlers(createLoginMock(), { baseUrls: { seamless: ["http://seamless.test"] } }),
    );
    server.listen();
    try {
      const viaMsw = await fetch("http://seamless.test//auth/logout", { method: "POST" });
      expect(viaMsw.status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe("the presets' inferred operations are marked as inferred", () => {
  it("names each with its reason, never as the vendor's", () => {
    for (const api of builtInApis()) {
      for (const operation of [api.refresh, api.logout]) {
        if (operation)
          expect(operation.inferred, `${api.id} ${operation.path}`).toMatch(/document/);
      }
    }
    const [talkstack, seamless] = builtInApis();
    expect([talkstack?.refresh?.path, talkstack?.logout?.path]).toEqual([
      "/auth/refresh",
      "/auth/logout",
    ]);
    expect([seamless?.refresh, seamless?.logout?.path]).toEqual([undefined, "/auth/logout"]);
  });
});

describe("a spec's refresh or logout block that cannot work is refused at load", () => {
  const cases: [string, (block: Record<string, unknown>) => void, string, RegExp][] = [
    [
      "an operation the document lacks",
      (block) => {
        block.logout = { operation: "POST /nowhere", outcomes: { success: "x" } };
      },
      "/logout/operation",
      /no operation POST \/nowhere/,
    ],
    [
      "the login operation itself",
      (block) => {
        block.logout = { operation: "PUT /api/v2/sessions", outcomes: { success: "opened" } };
      },
      "/logout/operation",
      /the login operation itself/,
    ],
    [
      "a refresh without a refresh token from the login",
      (block) => {
        block.token = { ...(block.token as object), refresh: undefined };
      },
      "/refresh",
      /gives out no refresh token/,
    ],
    [
      "an example the operation lacks",
      (block) => {
        block.refresh = {
          ...(block.refresh as object),
          outcomes: { success: "renewed", invalidRequest: "unusable", unknownToken: "gone" },
        };
      },
      "/refresh/outcomes/unknownToken",
      /no response example .* "gone"/,
    ],
    [
      "a field the body lacks",
      (block) => {
        block.refresh = { ...(block.refresh as object), field: "token" };
      },
      "/refresh/field",
      /"token" is not a property/,
    ],
    [
      "refresh and logout on one operation",
      (block) => {
        block.logout = {
          operation: "POST /api/v2/sessions/renew",
          outcomes: { success: "renewed" },
        };
      },
      "/logout/operation",
      /is also the refresh operation/,
    ],
    [
      "rotation with nowhere to put the new token",
      (block) => {
        block.refresh = { ...(block.refresh as object), rotate: true };
      },
      "/refresh/rotate",
      /no pointer says where/,
    ],
  ];
  for (const [name, breakIt, pointer, problem] of cases) {
    it(`refuses ${name}, naming where and what to do`, () => {
      const spec = sessionSpec() as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      const block = spec.paths["/api/v2/sessions"]?.put?.["x-login-mock"] as Record<
        string,
        unknown
      >;
      breakIt(block);
      let error: unknown;
      try {
        loginApiFromDocument(spec, "broken.yaml");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LoginSpecError);
      const message = (error as Error).message;
      expect(message).toContain(`/paths/~1api~1v2~1sessions/put/x-login-mock${pointer}`);
      expect(message).toMatch(problem);
    });
  }
});
