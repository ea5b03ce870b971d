/**
 * The harness's parts on their own: cookie parsing, redaction, diffs, polite HTTP, and the
 * console lines CI logs show.
 */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { CaseResult } from "../contracts/contract-run.ts";
import {
  createHttpTarget,
  defaultRatePerSecond,
  TransientNetworkError,
} from "../contracts/http-target.ts";
import { diffJson } from "../contracts/json-diff.ts";
import { createRedactor, displayUrl } from "../contracts/redact.ts";
import { PLAIN, paintFor } from "../contracts/reports/colour.ts";
import { formatCaseFailure, formatCaseResult } from "../contracts/reports/console.ts";
import { parseSetCookie } from "../contracts/set-cookie.ts";

describe("parseSetCookie", () => {
  it("reads the pair and the attributes of one header line", () => {
    const cookie = parseSetCookie(
      "token=a.b.c; Max-Age=86400; Path=/; HttpOnly; Secure; SameSite=None",
    );
    expect(cookie?.name).toBe("token");
    expect(cookie?.value).toBe("a.b.c");
    expect(Object.fromEntries(cookie?.attributes ?? [])).toEqual({
      "max-age": "86400",
      path: "/",
      httponly: "",
      secure: "",
      samesite: "None",
    });
  });

  it("does not split a comma-folded second cookie off: the check reports it instead", () => {
    const cookie = parseSetCookie("token=x; Path=/; HttpOnly, session=abc; Path=/");
    expect(cookie?.attributes.has("httponly, session")).toBe(true);
    expect(cookie?.repeated).toEqual(["path"]);
  });

  it("rejects a line with no name", () => {
    expect(parseSetCookie("=value; Path=/")).toBeUndefined();
  });
});

describe("the redactor", () => {
  it("hides given secrets, secret keys (the API's and the usual ones) and anything JWT-shaped", () => {
    const redactor = createRedactor(["hunter2-password"], ["password"]);
    redactor.add("refresh-token-value-123");
    expect(
      redactor.redact(
        "pw hunter2-password, refresh refresh-token-value-123, jwt eyJhbGciOi.eyJzdWIi.sig",
      ),
    ).toBe("pw [redacted], refresh [redacted], jwt [redacted jwt]");
    expect(redactor.redactValue({ token: "abc", user: { password: "x", name: "Ada" } })).toEqual({
      token: "[redacted]",
      user: { password: "[redacted]", name: "Ada" },
    });
  });
});

it("keeps credentials in a base URL out of reports", () => {
  expect(displayUrl("https://ci:s3cret@staging.example.com/")).toBe(
    "https://redacted@staging.example.com/",
  );
  expect(displayUrl("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010");
});

describe("diffJson", () => {
  it("lists missing, extra and retyped keys with redacted values, a secret key's whatever it holds", () => {
    const lines = diffJson(
      { status: "success", token: "t", user: { email: "a@b.co", name: "A" } },
      { status: "error", token: 5, user: { email: "a@b.co" }, leak: "eyJa.eyJb.c" },
      createRedactor(),
    );
    expect(lines).toEqual([
      '+ /leak: "[redacted jwt]"',
      '~ /status: "success" → "error"',
      '~ /token: expected string, got number "[redacted]"',
      "- /user/name (missing)",
    ]);
  });
});

describe("the HTTP target", () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }
  const options = {
    path: "/auth/login",
    ratePerSecond: 0,
    timeoutMs: 2000,
    retries: 2,
    maxRetryAfterMs: 5000,
  };

  it("waits out a 429's Retry-After, then gets the answer", async () => {
    let calls = 0;
    const baseUrl = await serve((_request, response) => {
      calls += 1;
      if (calls === 1) response.writeHead(429, { "retry-after": "1" }).end();
      else response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const started = Date.now();
    const exchange = await createHttpTarget({ baseUrl, ...options }).send({
      contentType: "application/json",
      body: "{}",
    });
    expect(exchange.response.status).toBe(200);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("spaces requests by the rate limit", async () => {
    const baseUrl = await serve((_request, response) => response.end("{}"));
    const target = createHttpTarget({ baseUrl, ...options, ratePerSecond: 10 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await target.send({ contentType: "application/json", body: "{}" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(target.sent()).toBe(4);
  });

  it("reports an unreachable target as a network problem, not a contract violation", async () => {
    const target = createHttpTarget({ baseUrl: "http://127.0.0.1:9", ...options, retries: 1 });
    await expect(
      target.send({ contentType: "application/json", body: "{}" }),
    ).rejects.toBeInstanceOf(TransientNetworkError);
  });

  it("keeps the password of a base URL with credentials out of the network error", async () => {
    const target = createHttpTarget({
      baseUrl: "http://ci:s3cret-in-url@127.0.0.1:9",
      ...options,
      retries: 0,
    });
    const error = await target.send({ contentType: "application/json", body: "{}" }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TransientNetworkError);
    expect(String(error)).toContain("http://redacted@127.0.0.1:9/auth/login");
    expect(String(error)).not.toContain("s3cret-in-url");
  });

  it("is polite by default to any host but this machine", () => {
    expect(defaultRatePerSecond("http://127.0.0.1:4010")).toBe(0);
    expect(defaultRatePerSecond("https://staging.example.com")).toBe(4);
  });
});

describe("the console lines", () => {
  const terminal = { isTTY: true, hasColors: () => true };

  it("are plain in a CI log, and coloured only on a colour terminal without NO_COLOR", () => {
    expect(paintFor({ isTTY: false }, {})).toBe(PLAIN);
    expect(paintFor(terminal, { NO_COLOR: "1" })).toBe(PLAIN);
    expect(paintFor({ isTTY: true, hasColors: () => false }, {})).toBe(PLAIN);
    expect(paintFor(terminal, {}).pass("✓")).toBe("\x1b[32m✓\x1b[39m");
  });

  it("show each case on one line, and a failure in full with its checks in words and its body", () => {
    const base = { example: "success", status: 200, via: "data" as const };
    const received = { status: 200, ms: 12, contentType: "application/json" };
    expect(
      formatCaseResult({
        ...base,
        id: "200 success ← valid-login",
        outcome: "passed",
        checks: [],
        received,
      }),
    ).toBe("  ✓ 200 success ← valid-login (200, 12 ms)");
    const failed: CaseResult = {
      ...base,
      id: "200 success ← valid-login",
      outcome: "failed",
      received,
      checks: [
        {
          name: "response-schema",
          verdict: "failed",
          violations: ["`data` is missing `_id` (required)"],
        },
        { name: "status-code", verdict: "passed", violations: [] },
      ],
      body: {
        heading: 'body vs the spec\'s 200 example "success"',
        lines: ["- /data/_id (missing)"],
      },
    };
    expect(formatCaseResult(failed)).toBe(
      "  ✗ 200 success ← valid-login: got 200 as expected, but failed response-schema",
    );
    expect(formatCaseFailure(failed).split("\n")).toEqual([
      "200 success ← valid-login: got 200 as expected, but failed response-schema",
      "  ✗ response-schema",
      "      `data` is missing `_id` (required)",
      '  body vs the spec\'s 200 example "success" (values redacted):',
      "      - /data/_id (missing)",
    ]);
    expect(formatCaseResult({ ...failed, received: { ...received, status: 201 } })).toBe(
      "  ✗ 200 success ← valid-login: expected 200, got 201; also failed response-schema",
    );
  });

  it("say why a case was not run", () => {
    const line = formatCaseResult({
      id: "500 server-error ← server-fault",
      example: "server-error",
      status: 500,
      via: "data",
      outcome: "unreachable",
      reason: "a healthy server has no request that makes it fail",
      checks: [],
    });
    expect(line).toBe(
      "  – 500 server-error ← server-fault [unreachable: a healthy server has no request that makes it fail]",
    );
  });
});
