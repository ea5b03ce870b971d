/**
 * A spec that declares `outcomes.lockedOut` locks an account after that many wrong secrets in a
 * row, for that many seconds on the session's clock (mocks/core/pipeline/lockouts.ts). Each session has
 * its own lockouts, as it has its own store and clock. The spec is written inline here and read
 * like any user's spec (`loginApiFromDocument`), so nothing about the presets is assumed.
 */
import { describe, expect, it } from "vitest";
import { parseServeFlags } from "../cli/serve.ts";
import { scenarioOf } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import type { MockReply } from "../mocks/core/pipeline/mock-reply.ts";
import type { LoginInput } from "../mocks/core/pipeline/request-data.ts";
import { fixedClock } from "../mocks/core/sessions/clock.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";

const RIGHT = "right-secret-1";
const WRONG = "wrong-secret-1";

const problem = (title: string) => ({
  type: "object",
  required: ["error"],
  properties: { error: { const: title } },
});

const LOCKOUT_SPEC = {
  openapi: "3.1.0",
  info: { title: "Lockout Example — Login", version: "1.0.0" },
  servers: [{ url: "https://lockout.login-mock.example" }],
  paths: {
    "/session": {
      post: {
        operationId: "login",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["username", "password"],
                properties: {
                  username: { type: "string", minLength: 1 },
                  password: { type: "string", minLength: 1 },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Logged in.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["token", "user"],
                  properties: {
                    token: { type: "string" },
                    user: {
                      type: "object",
                      required: ["username"],
                      properties: { username: { type: "string" } },
                    },
                  },
                },
                examples: {
                  success: {
                    value: { token: "placeholder", user: { username: "ada" } },
                    "x-provoked-by": ["valid-login"],
                  },
                },
              },
            },
          },
          "400": {
            description: "Not a login body.",
            content: {
              "application/json": {
                schema: problem("invalid"),
                examples: {
                  invalid: { value: { error: "invalid" }, "x-provoked-by": ["omit-username"] },
                },
              },
            },
          },
          "401": {
            description: "Unknown account or wrong secret.",
            content: {
              "application/json": {
                schema: problem("wrong"),
                examples: {
                  wrong: {
                    value: { error: "wrong" },
                    "x-provoked-by": ["unknown-account", "wrong-secret"],
                  },
                },
              },
            },
          },
          "423": {
            description: "Too many wrong secrets: locked for a while.",
            content: {
              "application/json": {
                schema: problem("locked"),
                examples: {
                  locked: { value: { error: "locked" }, "x-provoked-by": ["locked-out"] },
                },
              },
            },
          },
        },
        "x-login-mock": {
          id: "lockout",
          identity: "username",
          secret: "password",
          outcomes: {
            success: "success",
            invalidRequest: "invalid",
            unknownAccount: "wrong",
            wrongSecret: "wrong",
            lockedOut: { example: "locked", after: 3, seconds: 60 },
          },
          token: { in: "body", pointer: "/token", lifetimeSeconds: 3600 },
          profile: { pointer: "/user", identity: "/username" },
          accounts: [
            { identity: "ada", secret: RIGHT },
            { identity: "grace", secret: RIGHT },
          ],
          unknownIdentity: "nobody",
          caseSensitiveIdentity: true,
        },
      },
    },
  },
};

const api = loginApiFromDocument(structuredClone(LOCKOUT_SPEC), "login-lockout.test.ts");

function newMock() {
  const clock = fixedClock(Date.parse("2030-01-01T09:00:00Z"));
  return createLoginMock({ apis: [api], clock });
}

function login(username: string, password: string, session: string | null = null): LoginInput {
  return {
    contentType: "application/json",
    bodyText: JSON.stringify({ username, password }),
    prefer: null,
    scenario: null,
    session,
  };
}

/** Status and example name of a reply (`x-mock-scenario`), and its parsed body. */
function outcome(reply: MockReply) {
  if (reply.kind !== "response") throw new Error(`no response: ${reply.kind}`);
  const example = reply.headers.find(([name]) => name === "x-mock-scenario")?.[1];
  return { status: reply.status, example, body: JSON.parse(reply.body) as Record<string, unknown> };
}

type Mock = ReturnType<typeof newMock>;

async function send(mock: Mock, input: LoginInput) {
  return outcome(await mock.handle("lockout", input));
}

/** `count` wrong secrets for `username`, each answered as a wrong secret. */
async function failTimes(mock: Mock, username: string, count: number, session?: string) {
  for (let attempt = 1; attempt <= count; attempt++) {
    const answer = await send(mock, login(username, WRONG, session ?? null));
    expect([answer.status, answer.example], `wrong secret ${attempt}`).toEqual([401, "wrong"]);
  }
}

describe("a spec with outcomes.lockedOut { after: 3, seconds: 60 }", () => {
  it("reads the lockout rule from the spec", () => {
    expect(api.id).toBe("lockout");
    expect(api.outcomes.lockedOut).toEqual({ example: "locked", after: 3, seconds: 60 });
    expect(scenarioOf(api, "locked")?.howToReach).toEqual([
      "3 wrong passwords in a row for one account; it stays locked 60 s on the session's clock",
    ]);
  });

  it("logs the account in before any wrong secret", async () => {
    const mock = newMock();
    const answer = await send(mock, login("ada", RIGHT));
    expect([answer.status, answer.example]).toEqual([200, "success"]);
    expect(answer.body.user).toEqual({ username: "ada" });
    expect(answer.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("answers the locked example to the right secret after 3 wrong ones", async () => {
    const mock = newMock();
    await failTimes(mock, "ada", 3);
    const locked = await send(mock, login("ada", RIGHT));
    expect(locked).toEqual({ status: 423, example: "locked", body: { error: "locked" } });
    // Whatever secret comes while it is locked.
    expect((await send(mock, login("ada", WRONG))).example).toBe("locked");
    // Only that account: another one logs in, and an unknown one is still unknown.
    expect((await send(mock, login("grace", RIGHT))).example).toBe("success");
    expect((await send(mock, login("nobody", RIGHT))).example).toBe("wrong");
  });

  it("does not lock after 2 wrong secrets, and a right secret starts the count again", async () => {
    const mock = newMock();
    await failTimes(mock, "ada", 2);
    expect((await send(mock, login("ada", RIGHT))).example).toBe("success");
    await failTimes(mock, "ada", 2);
    expect((await send(mock, login("ada", RIGHT))).example).toBe("success");
  });

  it("logs the account in again once the session's clock has moved 61 s", async () => {
    const mock = newMock();
    await failTimes(mock, "ada", 3);
    const { clock } = mock.session();
    clock.advance(59);
    expect((await send(mock, login("ada", RIGHT))).example).toBe("locked");
    clock.advance(2);
    const answer = await send(mock, login("ada", RIGHT));
    expect([answer.status, answer.example]).toEqual([200, "success"]);
    // The lock ran out and the count started again: one wrong secret does not lock it.
    await failTimes(mock, "ada", 1);
    expect((await send(mock, login("ada", RIGHT))).example).toBe("success");
  });

  it("keeps one session's lockouts out of every other session (X-Mock-Session)", async () => {
    const mock = newMock();
    await failTimes(mock, "ada", 3, "locked-session");
    expect((await send(mock, login("ada", RIGHT, "locked-session"))).example).toBe("locked");
    expect((await send(mock, login("ada", RIGHT, "other-session"))).example).toBe("success");
    expect((await send(mock, login("ada", RIGHT))).example).toBe("success");
    // Still locked where it was locked.
    expect((await send(mock, login("ada", RIGHT, "locked-session"))).example).toBe("locked");

    // Another session's clock moving does not unlock it; its own does.
    mock.session("other-session").clock.advance(61);
    expect((await send(mock, login("ada", RIGHT, "locked-session"))).example).toBe("locked");
    mock.session("locked-session").clock.advance(61);
    expect((await send(mock, login("ada", RIGHT, "locked-session"))).example).toBe("success");
  });

  it("forgets the lockouts when the session is reset", async () => {
    const mock = newMock();
    await failTimes(mock, "ada", 3);
    expect((await send(mock, login("ada", RIGHT))).example).toBe("locked");
    mock.reset();
    expect((await send(mock, login("ada", RIGHT))).example).toBe("success");
  });
});

describe("the presets' inferred lockout, off until asked for", () => {
  const wrong = (email: string): LoginInput => ({
    contentType: "application/json",
    bodyText: JSON.stringify({ email, password: "not-the-password", recaptchaVal: "ok" }),
    prefer: null,
    scenario: null,
  });
  const named = (reply: MockReply) =>
    reply.kind === "response"
      ? `${reply.status} ${reply.headers.find(([name]) => name === "x-mock-scenario")?.[1]}`
      : reply.kind;

  for (const [variant, email, wrongAnswer] of [
    ["talkstack", "example@host.com", "401 invalid-password"],
    ["seamless", "user@example.com", "401 invalid-credentials"],
  ] as const) {
    it(`${variant}: six wrong passwords stay wrong passwords by default`, async () => {
      const mock = createLoginMock();
      const answers = [];
      for (let attempt = 0; attempt < 6; attempt++)
        answers.push(named(await mock.handle(variant, wrong(email))));
      expect(new Set(answers)).toEqual(new Set([wrongAnswer]));
    });

    it(`${variant}: with lockout on, the sixth is too-many-attempts until 15 minutes pass`, async () => {
      const mock = createLoginMock({ lockout: true });
      const answers = [];
      for (let attempt = 0; attempt < 6; attempt++)
        answers.push(named(await mock.handle(variant, wrong(email))));
      expect(answers.slice(0, 5)).toEqual(Array(5).fill(wrongAnswer));
      expect(answers[5]).toBe("429 too-many-attempts");
      mock.session().clock.advance(900);
      expect(named(await mock.handle(variant, wrong(email)))).toBe(wrongAnswer);
    });
  }
});

it("serve --lockout turns it on; without the flag it stays off", () => {
  expect(parseServeFlags(["--lockout"], {}).lockout).toBe(true);
  expect(parseServeFlags([], {}).lockout).toBe(false);
});
