/**
 * Property-based robustness: thousands of generated requests (valid, invalid and hostile bodies
 * and headers) against the real CLI server in a child process. Every answer must be one the
 * spec documents, a documented fault, or the mock's own problem+json; the process must stay up
 * and still log users in afterwards. Bounded: FUZZ_RUNS requests (default 5,000), each with a
 * 5 s timeout. The seed is printed; replay a failure with FUZZ_SEED=<seed> npm test.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { startCli, stopChild } from "./support/spawn-cli.ts";
import { responseValidator } from "./support/spec-validators.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let server: Awaited<ReturnType<typeof startCli>>;
const urls = { talkstack: "", seamless: "" };

beforeAll(async () => {
  server = await startCli(["--port", "0", "--log", "off"]);
  urls.talkstack = server.byVariant.talkstack ?? "";
  urls.seamless = server.byVariant.seamless ?? "";
});
afterAll(async () => {
  if (server) await stopChild(server.child);
});

// Faults that hold the connection for seconds are left out: they would only test patience.
const FAST_SCENARIOS = [...new Set(SCENARIOS.map((s) => s.name))].filter(
  (n) => n !== "no-response" && n !== "slow-response",
);

const textValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "example@host.com",
    "USER@EXAMPLE.COM",
    "securePassword123",
    "XXXXXXXXXX",
    "not-an-email",
    "a@b",
    "\u0000",
    "😀@😀.com",
  ),
);
const fieldValue = fc.oneof(
  textValue,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);
const loginObject = fc.record(
  {
    email: fieldValue,
    password: fieldValue,
    recaptchaVal: fieldValue,
    __proto__: fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }),
    constructor: fc.constant({ prototype: { polluted: true } }),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 5, arbitrary: loginObject.map((o) => Buffer.from(JSON.stringify(o))) },
  {
    weight: 2,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 3000 })
      .map((n) => Buffer.from(`${"[".repeat(n)}${"]".repeat(n)}`)),
  },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(150 * 1024, "a")) },
  // JSON.parse makes "__proto__" an own key; the mock must not let it reach a prototype.
  {
    weight: 1,
    arbitrary: fc.constant(
      Buffer.from(
        '{"__proto__":{"email":"example@host.com","password":"XXXXXXXXXX"},"constructor":{"prototype":{"admin":true}}}',
      ),
    ),
  },
);
// Mostly absent, so most requests reach the login logic instead of a forced scenario.
const header = (values: fc.Arbitrary<string>) => fc.option(values, { nil: undefined, freq: 4 });
const request = fc.record({
  variant: fc.constantFrom("talkstack" as const, "seamless" as const),
  method: fc.constantFrom("POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"),
  path: fc.constantFrom(
    "/auth/login",
    "/auth/login",
    "/auth/login",
    "//auth/login",
    "/auth/login/",
    "/auth",
    "/__mock/health",
    "/__mock/nope",
    "/%2e%2e/etc/passwd",
  ),
  contentType: header(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/merge-patch+json",
      "multipart/form-data; boundary=x",
    ),
  ),
  prefer: header(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "code=401",
        "code=500, example=server-error",
        "code=418",
        "example=nope",
        "code=401, example=recaptcha-failed",
        "delay=1",
      ),
    ),
  ),
  scenario: header(
    fc.oneof(
      fc.constantFrom(...FAST_SCENARIOS),
      fc.string({ maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
    ),
  ),
  body,
});

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(generated: Generated) {
  const headers: Record<string, string> = {};
  if (generated.contentType) headers["content-type"] = generated.contentType;
  if (generated.prefer && /^[\x20-\x7e]*$/.test(generated.prefer))
    headers.prefer = generated.prefer;
  if (generated.scenario) headers["x-mock-scenario"] = generated.scenario;
  const hasBody = generated.method !== "GET";
  try {
    const response = await fetch(`${urls[generated.variant]}${generated.path}`, {
      method: generated.method,
      headers,
      ...(hasBody ? { body: generated.body } : {}),
      signal: AbortSignal.timeout(5000),
    });
    return { kind: "response" as const, response, text: await response.text() };
  } catch (error) {
    return { kind: "error" as const, error };
  }
}

describe(`the server under ${RUNS} generated requests (seed ${SEED})`, () => {
  it("answers each one with a documented response, a documented fault or problem+json", async () => {
    console.log(
      `[login-mock] fuzz: ${RUNS} requests, seed ${SEED} (replay with FUZZ_SEED=${SEED})`,
    );
    const validators = {
      talkstack: await responseValidator("talkstack"),
      seamless: await responseValidator("seamless"),
    };
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        sent++;
        const result = await send(generated);
        if (result.kind === "error") {
          // Only the network-error fault may drop the connection.
          return generated.scenario === "network-error";
        }
        const { response, text } = result;
        const type = response.headers.get("content-type") ?? "";
        if (type === "application/problem+json") {
          const problem = JSON.parse(text) as { type: string; status: number; detail: string };
          return (
            [400, 403, 404, 405, 413].includes(response.status) &&
            problem.status === response.status &&
            problem.type.startsWith("urn:login-mock:problem:") &&
            problem.type !== "urn:login-mock:problem:mock-internal-error"
          );
        }
        if (type.startsWith("text/html")) return generated.path.startsWith("/__mock");
        if (response.headers.get("x-mock-fault") === "truncated-json") return true;
        if (generated.path.startsWith("/__mock")) return response.status === 200;
        const verdict = validators[generated.variant](response.status, JSON.parse(text));
        return verdict.valid;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBe(RUNS);
    expect(server.child.exitCode).toBeNull();
  }, 240_000);

  it("still logs both demo users in afterwards", async () => {
    const talkstack = await fetch(`${urls.talkstack}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(TALKSTACK_DEMO.documented),
    });
    const seamless = await fetch(`${urls.seamless}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" }),
    });
    expect([talkstack.status, seamless.status]).toEqual([200, 200]);
  });

  it("counts K concurrent logins of one user exactly K times", async () => {
    const K = 100;
    await fetch(`${urls.seamless}/__mock/reset`, { method: "POST" });
    const body = JSON.stringify({ ...SEAMLESS_DEMO.john, recaptchaVal: "x" });
    const counts = await Promise.all(
      Array.from({ length: K }, async () => {
        const response = await fetch(`${urls.seamless}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        return ((await response.json()) as { data: { agentLoginDetails: { loginCount: number } } })
          .data.agentLoginDetails.loginCount;
      }),
    );
    expect(new Set(counts).size).toBe(K);
    expect(Math.max(...counts)).toBe(42 + K);
  });
});
