/**
 * The server reads the headers it needs from `rawHeaders` itself (server/request-headers.ts)
 * instead of Node's `request.headers`; whatever a client sends, both must give the same values,
 * repeated and mixed-case names included. Node's own object is the reference here. Seeded and
 * bounded; replay a failure with LOGIN_MOCK_PROPERTY_SEED=<seed>.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestHeaders, requestHeaders } from "../server/request-headers.ts";

const SEED = Number(process.env.LOGIN_MOCK_PROPERTY_SEED ?? 20261123);
const NAMES: Record<keyof RequestHeaders, string> = {
  contentType: "content-type",
  contentLength: "content-length",
  origin: "origin",
  prefer: "prefer",
  scenario: "x-mock-scenario",
  session: "x-mock-session",
  cookie: "cookie",
  authorization: "authorization",
};

/** What Node's lazily built `request.headers` says for each header the server reads. */
function nodeSays(request: IncomingMessage): RequestHeaders {
  const read = (name: string) => {
    const value = request.headers[name];
    return value === undefined ? null : String(value);
  };
  return Object.fromEntries(
    Object.entries(NAMES).map(([field, name]) => [field, read(name)]),
  ) as unknown as RequestHeaders;
}

let server: Server;
let port = 0;

beforeAll(async () => {
  // Node fills `request.headers` from the parser's own count, so only a real request will do.
  server = createServer((request, response) => {
    response.end(JSON.stringify({ ours: requestHeaders(request), node: nodeSays(request) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a GET with exactly these header lines; resolves with both readings. */
function send(pairs: readonly (readonly [string, string])[]): Promise<{
  ours: RequestHeaders;
  node: RequestHeaders;
}> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const lines = pairs.map(([name, value]) => `${name}: ${value}\r\n`).join("");
    socket.end(`GET /auth/login HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines}connection: close\r\n\r\n`);
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("end", () => resolve(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))));
  });
}

describe("the headers the server reads", () => {
  it("are what Node's request.headers says for a browser's login", async () => {
    const { ours, node } = await send([
      ["Content-Type", "application/json"],
      ["Content-Length", "0"],
      ["Origin", "http://localhost:5173"],
      ["Cookie", "mock-session=a"],
      ["Cookie", "theme=dark"],
      ["Prefer", "code=401"],
      ["prefer", "example=recaptcha-failed"],
      ["Content-Type", "text/plain"],
      ["Authorization", "Bearer a"],
      ["authorization", "Bearer b"],
    ]);
    expect(ours).toEqual(node);
    expect(ours.cookie).toBe("mock-session=a; theme=dark");
    expect(ours.prefer).toBe("code=401, example=recaptcha-failed");
    expect(ours.contentType).toBe("application/json");
    expect(ours.authorization).toBe("Bearer a");
  });

  it("are what Node's request.headers says for any header list (seeded)", async () => {
    // Every name the server reads, in any case, repeated or not, among others; not
    // content-length or host, whose repeats Node refuses before any handler runs.
    const names = Object.values(NAMES).filter((name) => name !== "content-length");
    const name = fc
      .constantFrom(...names, "accept", "x-mock", "cookies", "user-agent")
      .chain((base) =>
        fc
          .array(fc.boolean(), { minLength: base.length, maxLength: base.length })
          .map((upper) => [...base].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("")),
      );
    const value = fc.string({ unit: fc.constantFrom(..."abc=;, 01/-*"), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 12 }), async (pairs) => {
        const { ours, node } = await send(pairs);
        expect(ours).toEqual(node);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
