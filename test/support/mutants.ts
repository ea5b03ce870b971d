/**
 * Deliberately broken login servers: the real mock behind the real HTTP adapter, with one
 * thing wrong in its replies. Each names the check that must catch it; the contract tests run
 * the whole suite against each and assert that check fired.
 */
import type { LoginMock } from "../../mocks/core/login-mock.ts";
import type { MockReply } from "../../mocks/core/mock-reply.ts";
import type { LoginInput } from "../../mocks/core/request-data.ts";
import type { Variant } from "../../openapi/documents.ts";

type Response = Extract<MockReply, { kind: "response" }>;

export interface Mutant {
  readonly name: string;
  readonly variant: Variant;
  /** The check that must report it. */
  readonly caughtBy: string;
  mutate(reply: Response, input: LoginInput): Response;
}

const scenarioOf = (reply: Response) =>
  reply.headers.find(([name]) => name === "x-mock-scenario")?.[1];
const withBody = (reply: Response, edit: (body: Record<string, unknown>) => void): Response => {
  const body = JSON.parse(reply.body) as Record<string, unknown>;
  edit(body);
  return { ...reply, body: JSON.stringify(body) };
};
const mapCookie = (reply: Response, edit: (cookie: string) => string): Response => ({
  ...reply,
  headers: reply.headers.map(
    ([name, value]) => [name, name === "set-cookie" ? edit(value) : value] as const,
  ),
});
const when = (scenario: string, change: (reply: Response) => Response) => (reply: Response) =>
  scenarioOf(reply) === scenario ? change(reply) : reply;

export const MUTANTS: readonly Mutant[] = [
  {
    name: "wrong status: user-not-found answered with 400",
    variant: "talkstack",
    caughtBy: "status-code",
    mutate: when("user-not-found", (reply) => ({ ...reply, status: 400 })),
  },
  {
    name: "missing required field: success without data._id",
    variant: "seamless",
    caughtBy: "response-schema",
    mutate: when("success", (reply) =>
      withBody(reply, (body) => {
        delete (body.data as Record<string, unknown>)._id;
      }),
    ),
  },
  {
    name: "extra field where forbidden: success with a debug property",
    variant: "talkstack",
    caughtBy: "response-schema",
    mutate: when("success", (reply) =>
      withBody(reply, (body) => {
        body.debug = "sql: select * from users";
      }),
    ),
  },
  {
    name: "wrong type: loginStatus as a string",
    variant: "talkstack",
    caughtBy: "response-schema",
    mutate: when("user-not-found", (reply) =>
      withBody(reply, (body) => {
        body.loginStatus = String(body.loginStatus);
      }),
    ),
  },
  {
    name: "token leaked into the Seamless body",
    variant: "seamless",
    caughtBy: "token-not-in-body",
    mutate: when("success", (reply) => {
      const cookie = reply.headers.find(([name]) => name === "set-cookie")?.[1] ?? "";
      const token = cookie.split(";")[0]?.slice("token=".length) ?? "";
      return withBody(reply, (body) => {
        (body.data as Record<string, unknown>).name = `Demo User ${token}`;
      });
    }),
  },
  {
    name: "Set-Cookie without HttpOnly",
    variant: "seamless",
    caughtBy: "set-cookie",
    mutate: (reply) => mapCookie(reply, (cookie) => cookie.replace("; HttpOnly", "")),
  },
  {
    name: "wrong Max-Age: one hour instead of 24",
    variant: "seamless",
    caughtBy: "set-cookie",
    mutate: (reply) => mapCookie(reply, (cookie) => cookie.replace(/Max-Age=\d+/, "Max-Age=3600")),
  },
  {
    name: "two Set-Cookie headers merged into one line",
    variant: "seamless",
    caughtBy: "set-cookie",
    mutate: (reply) => mapCookie(reply, (cookie) => `${cookie}, session=abc123; Path=/; HttpOnly`),
  },
  {
    name: "wrong loginStatus: 404 says INVALID_PASSWORD",
    variant: "talkstack",
    caughtBy: "login-status",
    mutate: when("user-not-found", (reply) =>
      withBody(reply, (body) => {
        body.loginStatus = 4;
      }),
    ),
  },
  {
    name: "expirationTime an hour off the JWT's exp",
    variant: "talkstack",
    caughtBy: "jwt",
    mutate: when("success", (reply) =>
      withBody(reply, (body) => {
        body.expirationTime = new Date(
          Date.parse(String(body.expirationTime)) + 3_600_000,
        ).toISOString();
      }),
    ),
  },
  {
    name: "500 on malformed JSON",
    variant: "seamless",
    caughtBy: "not-a-server-error",
    mutate: (reply, input) => {
      try {
        JSON.parse(input.bodyText);
        return reply;
      } catch {
        return {
          ...reply,
          status: 500,
          body: JSON.stringify({ status: "failed", data: {}, message: "Unexpected token" }),
        };
      }
    },
  },
  {
    name: "wrong content type: errors sent as text/html",
    variant: "talkstack",
    caughtBy: "content-type",
    mutate: (reply) =>
      reply.status < 400
        ? reply
        : {
            ...reply,
            headers: reply.headers.map(
              ([name, value]) =>
                [name, name === "content-type" ? "text/html; charset=utf-8" : value] as const,
            ),
          },
  },
  {
    name: "the two 401 bodies swapped",
    variant: "seamless",
    caughtBy: "same-status-variant",
    mutate: (reply) => {
      const scenario = scenarioOf(reply);
      if (scenario !== "recaptcha-failed" && scenario !== "invalid-credentials") return reply;
      const other =
        scenario === "recaptcha-failed"
          ? { status: "failed", data: {}, message: "Invalid email or password" }
          : { status: "failed", data: { message: "Login Failed!" }, message: "Login Failed" };
      return { ...reply, body: JSON.stringify(other) };
    },
  },
  {
    name: "invalid input accepted: missing fields answered 200",
    variant: "seamless",
    caughtBy: "negative-data-rejection",
    mutate: when("missing-fields", (reply) => ({ ...reply, status: 200 })),
  },
  {
    name: "413 problem without its status member",
    variant: "talkstack",
    caughtBy: "response-schema",
    mutate: when("body-too-large", (reply) =>
      withBody(reply, (body) => {
        delete body.status;
      }),
    ),
  },
  {
    name: "unsigned token: alg none",
    variant: "talkstack",
    caughtBy: "jwt",
    mutate: when("success", (reply) =>
      withBody(reply, (body) => {
        const [, payload] = String(body.token).split(".");
        const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString(
          "base64url",
        );
        body.token = `${header}.${payload}.unsigned`;
      }),
    ),
  },
];

/** The mock with one mutant applied to every reply it gives. */
export function mutatedMock(mock: LoginMock, mutant: Mutant): LoginMock {
  return {
    ...mock,
    async handle(variant, input, override) {
      const reply = await mock.handle(variant, input, override);
      return reply.kind === "response" && variant === mutant.variant
        ? mutant.mutate(reply, input)
        : reply;
    },
  };
}
