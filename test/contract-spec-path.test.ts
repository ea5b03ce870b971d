/**
 * The harness takes the login's path from the spec, never from its own code: with a spec whose
 * login lives at `/v2/session`, it calls `/v2/session` under the base URL, and a base URL that
 * already ends with `/v2/session` gets the advice to drop that path (issue 22, item 3).
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runContract } from "../contracts/contract-run.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import talkstack from "../openapi/generated/talkstack.json" with { type: "json" };
import { ownServerOptions } from "./support/contract-options.ts";

const SPEC_PATH = "/v2/session";

/** A preset's spec with its login moved to SPEC_PATH, read like any user's spec. */
const { "/auth/login": login, ...otherPaths } = talkstack.paths as Record<string, unknown>;
const moved = loginApiFromDocument(
  { ...talkstack, paths: { ...otherPaths, [SPEC_PATH]: login } },
  "moved-login.yaml",
);

const paths: string[] = [];
let server: Server;
let root = "";
beforeAll(async () => {
  // Serves nothing: a 404 problem for every path, as a framework's router would.
  server = createServer((request, response) => {
    paths.push(request.url ?? "");
    request.resume();
    response
      .writeHead(404, { "content-type": "application/problem+json" })
      .end(JSON.stringify({ title: "Not Found", status: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  root = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("calls the spec's path, and names it when the base URL already ends with it", async () => {
  const report = await runContract(
    ownServerOptions(moved, `${root}${SPEC_PATH}`, { fuzzRuns: 0, retries: 0 }),
  );
  expect(paths).toEqual([`${SPEC_PATH}${SPEC_PATH}`]);
  expect(report.operation).toBe(`POST ${SPEC_PATH}`);
  expect(report.blocked).toEqual({
    exitCode: 2,
    line: `[login-mock] contract: --base-url already ends with ${SPEC_PATH}, the login's path, which the harness appends itself: POST ${root}${SPEC_PATH}${SPEC_PATH} answered 404. Drop it: --base-url ${root}`,
  });
  expect(report.results).toEqual([]);
});
