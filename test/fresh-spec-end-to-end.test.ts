/**
 * Adding a login API is one file: a spec written here (test/support/fresh-spec.ts: PUT
 * /api/v2/sessions, `handle`/`passphrase`, a 201 with its token two levels down the body), then
 * `login-mock serve <file>` and `login-mock contract <file>` as a user types them, both CLIs as
 * child processes. The contract passes against the mock, and fails against a server that
 * answers the same API with the token where the spec does not put it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshSpec } from "./support/fresh-spec.ts";
import { runCliAsync, startCli, stopChild } from "./support/spawn-cli.ts";

let dir: string;
let specFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "login-mock-fresh-"));
  // JSON is YAML: the file a user would write, under the name they would give it.
  specFile = join(dir, "fresh-login.yaml");
  writeFileSync(specFile, JSON.stringify(freshSpec(), null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACCOUNT = ["--identity", "quill", "--secret", "ink-and-paper"];

describe("a login API that is one file of the user's", () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  let base: string;
  beforeAll(async () => {
    server = await startCli([specFile, "--port", "0", "--log", "off"]);
    base = server.byVariant.fresh ?? "";
  });
  afterAll(async () => {
    expect(await stopChild(server.child)).toBe(0);
  });

  it("is served: the demo account gets 201 with a JWT at the spec's nested pointer", async () => {
    const response = await fetch(`${base}/api/v2/sessions`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ handle: "quill", passphrase: "ink-and-paper" }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      result: { auth: { bearer: string; expiresAt: number }; member: { memberId: string } };
    };
    expect(body.result.auth.bearer).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.result.member.memberId).toBe("m-1");
    const claims = JSON.parse(
      Buffer.from(body.result.auth.bearer.split(".")[1] ?? "", "base64url").toString("utf8"),
    );
    expect(claims).toMatchObject({ sub: "m-1", handle: "quill", exp: body.result.auth.expiresAt });
  });

  it("passes its own contract, every documented response reached", async () => {
    const { code, output } = await runCliAsync([
      "contract",
      specFile,
      "--base-url",
      base,
      ...ACCOUNT,
      "--require-all",
    ]);
    expect(output).toMatch(/Contract check: fresh/);
    expect(output).not.toMatch(/[1-9]\d* failed/);
    expect(code).toBe(0);
  }, 60_000);
});

describe("the same contract against a server that breaks it", () => {
  let broken: Server;
  let base: string;
  beforeAll(async () => {
    // Answers every login 201 with the token at the top level, where the spec does not say.
    broken = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify({ token: "x.y.z" }));
      });
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    const address = broken.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => broken.close(() => resolve())));

  it("fails, naming the schema the body breaks", async () => {
    const { code, output } = await runCliAsync([
      "contract",
      specFile,
      "--base-url",
      base,
      ...ACCOUNT,
    ]);
    expect(code).toBe(1);
    expect(output).toMatch(/[1-9]\d* failed/);
    expect(output).toMatch(/result/);
  }, 60_000);
});
