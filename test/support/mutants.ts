/**
 * Deliberately broken login servers: the real mock behind the real HTTP adapter, with one
 * thing wrong in its replies (or its clock). Each names the check it is built to break, which
 * must fail against it with every other check skipped, and the exact set of checks that fail
 * when the whole suite runs against it.
 */
import { CHECK_NAMES } from "../../contracts/checks/index.ts";
import { type ContractReport, runContract } from "../../contracts/contract-run.ts";
import type { ContractOptions } from "../../contracts/options.ts";
import {
  createLoginMock,
  type LoginMock,
  type LoginMockOptions,
} from "../../mocks/core/login-mock.ts";
import type { MockReply } from "../../mocks/core/pipeline/mock-reply.ts";
import type { LoginInput } from "../../mocks/core/pipeline/request-data.ts";
import type { Variant } from "../../openapi/documents.ts";
import { startServers } from "../../server/start-servers.ts";
import { ownServerOptions } from "./contract-options.ts";

type Response = Extract<MockReply, { kind: "response" }>;

export interface Mutant {
  readonly name: string;
  readonly variant: Variant;
  /** The check it is built to break: alone (every other check skipped), it must fail. */
  readonly caughtBy: string;
  /** Every check that fails when the whole suite runs against it, no more, no fewer (in registry order). */
  readonly fires: readonly string[];
  /** The mock behind it, when what is broken is not in a reply (a slow clock). */
  readonly mockOptions?: LoginMockOptions;
  /** The run's own options, when the rule needs one (a response-time budget). */
  readonly runOptions?: Partial<ContractOptions>;
  mutate(reply: Response, input: LoginInput): Response;
}

const scenarioOf = (reply: Response) =>
  reply.headers.find(([name]) => name === "x-mock-scenario")?.[1];
const withBody = (reply: Response, edit: (body: Record<string, unknown>) => void): Response => {
  const body = JSON.parse(reply.body) as Record<string, unknown>;
  edit(body);
  return { ...reply, body: JSON.stringify(body) };
};
/** What `JSON.parse` made of a request body that is not JSON. */
const MALFORMED = Symbol("malformed JSON");
/**
 * The reply, or Seamless' documented 500 saying `message` when `crashes` holds for the parsed
 * request body (`MALFORMED` when it is not JSON): a server that tripped over what it was sent.
 */
const failOnBody = (
  reply: Response,
  bodyText: string,
  crashes: (parsed: unknown) => boolean,
  message: string,
): Response => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = MALFORMED;
  }
  if (!crashes(parsed)) return reply;
  return {
    ...reply,
    status: 500,
    body: JSON.stringify({ status: "failed", data: {}, message }),
  };
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
    // The 404's body under a 400 is not judged as a 400's: the status is the one fault.
    fires: ["status-code"],
    mutate: when("user-not-found", (reply) => ({ ...reply, status: 400 })),
  },
  {
    name: "missing required field: success without data._id",
    variant: "seamless",
    caughtBy: "response-schema",
    fires: ["response-schema"],
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
    fires: ["response-schema"],
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
    fires: ["response-schema", "login-status"],
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
    fires: ["token-not-in-body"],
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
    fires: ["set-cookie"],
    mutate: (reply) => mapCookie(reply, (cookie) => cookie.replace("; HttpOnly", "")),
  },
  {
    name: "wrong Max-Age: one hour instead of 24",
    variant: "seamless",
    caughtBy: "set-cookie",
    fires: ["set-cookie"],
    mutate: (reply) => mapCookie(reply, (cookie) => cookie.replace(/Max-Age=\d+/, "Max-Age=3600")),
  },
  {
    name: "two Set-Cookie headers merged into one line",
    variant: "seamless",
    caughtBy: "set-cookie",
    fires: ["set-cookie"],
    mutate: (reply) => mapCookie(reply, (cookie) => `${cookie}, session=abc123; Path=/; HttpOnly`),
  },
  {
    name: "wrong loginStatus: 404 says INVALID_PASSWORD",
    variant: "talkstack",
    caughtBy: "login-status",
    fires: ["response-schema", "login-status"],
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
    fires: ["jwt"],
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
    fires: ["not-a-server-error", "status-code", "negative-data-rejection"],
    mutate: (reply, input) =>
      failOnBody(reply, input.bodyText, (parsed) => parsed === MALFORMED, "Unexpected token"),
  },
  {
    name: "wrong content type: errors sent as text/html",
    variant: "talkstack",
    caughtBy: "content-type",
    fires: ["content-type"],
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
    fires: ["same-status-variant"],
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
    // Not judged as a 200 (no cookie, no token): a 200 where the 422 belongs is the fault.
    fires: ["status-code", "negative-data-rejection"],
    mutate: when("missing-fields", (reply) => ({ ...reply, status: 200 })),
  },
  {
    name: "413 problem without its status member",
    variant: "talkstack",
    caughtBy: "response-schema",
    fires: ["response-schema"],
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
    fires: ["jwt"],
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
  {
    name: "no Set-Cookie on a success",
    variant: "seamless",
    caughtBy: "set-cookie",
    fires: ["response-headers", "set-cookie", "jwt"],
    mutate: (reply) => ({
      ...reply,
      headers: reply.headers.filter(([name]) => name !== "set-cookie"),
    }),
  },
  {
    name: "a valid login answered 201, without its cookie",
    variant: "seamless",
    caughtBy: "set-cookie",
    fires: ["status-code", "set-cookie"],
    mutate: when("success", (reply) => ({
      ...reply,
      status: 201,
      headers: reply.headers.filter(([name]) => name !== "set-cookie"),
    })),
  },
  {
    name: "Set-Cookie value padded with a space, against the header's documented pattern",
    variant: "seamless",
    caughtBy: "response-headers",
    fires: ["response-headers"],
    mutate: (reply) => mapCookie(reply, (cookie) => cookie.replace(/^token=/, "token= ")),
  },
  {
    name: "a JSON body that is not an object answered with the documented 500",
    variant: "seamless",
    caughtBy: "status-code",
    fires: ["not-a-server-error", "status-code", "negative-data-rejection"],
    // `const { email } = body` on null throws: a server that never checked the body's type.
    mutate: (reply, input) =>
      failOnBody(
        reply,
        input.bodyText,
        (parsed) =>
          parsed !== MALFORMED &&
          (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)),
        "user Login Failed.",
      ),
  },
  {
    name: "a wrong password answered 500 where the spec documents 401",
    variant: "seamless",
    caughtBy: "status-code",
    fires: ["not-a-server-error", "status-code", "negative-data-rejection"],
    mutate: when("invalid-credentials", (reply) => ({ ...reply, status: 500 })),
  },
  {
    name: "the server's clock three hours slow: tokens expire three hours early",
    variant: "talkstack",
    caughtBy: "jwt-freshness",
    fires: ["jwt-freshness"],
    mockOptions: { clock: { now: () => Date.now() - 3 * 3_600_000 } },
    mutate: (reply) => reply,
  },
  {
    name: "a success 400 ms late, against a 200 ms budget",
    variant: "talkstack",
    caughtBy: "response-time",
    fires: ["response-time"],
    runOptions: {
      settings: { responseTimeBudgetMs: 200, jwtLeewaySeconds: 120, jwtAlgorithms: undefined },
    },
    mutate: when("success", (reply) => ({ ...reply, delayMs: 400 })),
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

/** The checks that failed anywhere in a report, in registry order: a set, compared exactly. */
export function failedChecks(report: ContractReport): string[] {
  const failed = new Set(
    report.results.flatMap((r) =>
      r.checks.filter((c) => c.verdict === "failed").map((c) => c.name),
    ),
  );
  return CHECK_NAMES.filter((name) => failed.has(name));
}

/** Runs the contract suite against the mutant on a server of its own (127.0.0.1, port 0). */
export async function runAgainstMutant(
  mutant: Mutant,
  overrides: Partial<ContractOptions> = {},
): Promise<ContractReport> {
  const running = await startServers({
    variants: [mutant.variant],
    port: 0,
    mock: mutatedMock(createLoginMock(mutant.mockOptions), mutant),
    log: () => {},
  });
  try {
    return await runContract(
      ownServerOptions(mutant.variant, running.urls[mutant.variant] ?? "", {
        fuzzRuns: 10,
        ...mutant.runOptions,
        ...overrides,
      }),
    );
  } finally {
    await running.close(100);
  }
}
