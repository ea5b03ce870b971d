/** The harness's parts on their own: cookie parsing, redaction, diffs, polite HTTP. */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHttpTarget,
  defaultRatePerSecond,
  TransientNetworkError,
} from "../contracts/http-target.ts";
import { diffJson } from "../contracts/json-diff.ts";
import { createRedactor, displayUrl } from "../contracts/redact.ts";
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
  it("hides given secrets, secret keys and anything JWT-shaped", () => {
    const redactor = createRedactor(["hunter2-password"]);
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
  it("lists missing, extra and retyped keys with redacted values", () => {
    const lines = diffJson(
      { status: "success", token: "t", user: { email: "a@b.co", name: "A" } },
      { status: "error", token: 5, user: { email: "a@b.co" }, leak: "eyJa.eyJb.c" },
      createRedactor(),
    );
    expect(lines).toEqual([
      '+ /leak: "[redacted jwt]"',
      '~ /status: "success" → "error"',
      "~ /token: expected string, got number 5",
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
  const options = { ratePerSecond: 0, timeoutMs: 2000, retries: 2, maxRetryAfterMs: 5000 };

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

  it("is polite by default to any host but this machine", () => {
    expect(defaultRatePerSecond("http://127.0.0.1:4010")).toBe(0);
    expect(defaultRatePerSecond("https://staging.example.com")).toBe(4);
  });
});
