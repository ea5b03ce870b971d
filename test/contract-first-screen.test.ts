/**
 * `login-mock contract` against a server that is simply wrong (issue 22, item 4): it answers
 * every request 200 `{"ok":true,"token":"x","user":{}}`. The first screen says, one line a case,
 * what was expected and what came back; the details follow, in words: a wrong status is that
 * one fact (the reply is not judged as a 200's), extra and missing properties are named, no Ajv
 * jargon, and the body is compared with the example of the status that came back.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync } from "./support/spawn-cli.ts";

let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () =>
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: true, token: "x", user: {} })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const SCREEN = 40;
/** Checks that judge a reply by the contract of its status: a 200 where a 4xx belongs is not judged by them. */
const STATUS_CONTRACT_CHECKS = [
  "content-type",
  "response-schema",
  "same-status-variant",
  "response-headers",
  "set-cookie",
  "jwt",
  "jwt-freshness",
  "login-status",
];

/** The details section's entries: each a headline (`  ✗ …`) and the lines under it. */
function detailEntries(output: string): string[][] {
  const section = output.split("\nWhat failed, in detail:\n")[1]?.split("\n\n")[0] ?? "";
  const entries: string[][] = [];
  for (const line of section.split("\n")) {
    if (line.startsWith("  ✗ ")) entries.push([line]);
    else entries.at(-1)?.push(line);
  }
  return entries;
}

describe.each([
  {
    variant: "seamless",
    env: { CONTRACT_IDENTITY: "qa@example.com", CONTRACT_SECRET: "pw-123456" },
    // What the 200 success case says of the body against the spec's schema.
    success: [
      "the body has `ok`, `token` and `user`, which the spec does not allow there",
      "the body is missing `status`, `data` and `message` (required)",
    ],
  },
  // No account given: the valid-login case is skipped, so no 200 success case is judged.
  { variant: "talkstack", env: {}, success: undefined },
])(
  "contract against a server that always answers 200 ($variant)",
  ({ variant, env, success: words }) => {
    let code = 0;
    let output = "";
    beforeAll(async () => {
      ({ code, output } = await runCliAsync(["contract", variant, "--base-url", url], {
        ...env,
        CONTRACT_CHALLENGE: "challenge-value",
      }));
    }, 60_000);

    it("leads with one line per case, expected vs got, and the tally, on the first screen", () => {
      expect(code, output).toBe(1);
      const screen = output.split("\n").slice(0, SCREEN);
      const tally = screen.findIndex((line) => line.startsWith("Cases: "));
      expect(tally, output).toBeGreaterThan(2);
      const cases = screen.slice(2, tally);
      for (const line of cases) expect(line).toMatch(/^ {2}[✗○–✓] \S/);
      const failed = cases.filter((line) => line.startsWith("  ✗ "));
      expect(failed.length).toBeGreaterThan(5);
      for (const line of failed) {
        const expected = /^ {2}✗ (\d{3}) /.exec(line)?.[1];
        if (expected === "200")
          expect(line).toMatch(
            /: got 200 as expected, but failed [a-z-]+(, [a-z-]+)*( and [a-z-]+)?$/,
          );
        else if (expected)
          expect(line).toMatch(new RegExp(`: expected ${expected}, got 200(; also failed .+)?$`));
        else
          expect(line).toMatch(
            /^ {2}✗ negative data .*: expected a documented 4xx \([\d, ]+\), got 200 \(all \d+\)/,
          );
      }
    });

    it("gives the details after every case, and judges a 200 where a 4xx belongs only by its status", () => {
      const entries = detailEntries(output);
      expect(entries.length).toBeGreaterThan(2);
      expect(output.indexOf("What failed, in detail:")).toBeGreaterThan(output.indexOf("Cases: "));
      const judged = entries.filter(([headline = ""]) =>
        /expected (\d{3}|a documented 4xx)/.test(headline),
      );
      expect(judged.length).toBeGreaterThan(0);
      for (const [headline = "", ...details] of judged) {
        const named = details.filter((line) => /^ {4}✗ /.test(line)).map((line) => line.trim());
        for (const check of STATUS_CONTRACT_CHECKS)
          expect(named, headline).not.toContain(`✗ ${check}`);
        expect(named, headline).toContain("✗ status-code");
      }
    });

    it("compares a wrong status's body with the example of the status that came back", () => {
      const tooLarge = detailEntries(output).find((entry) =>
        entry[0]?.includes("413 body-too-large"),
      );
      expect(tooLarge?.[0]).toContain(": expected 413, got 200");
      expect(tooLarge?.join("\n")).toMatch(/body vs the spec's 200 example "success"/);
      expect(tooLarge?.join("\n")).not.toContain("413 example");
    });

    it("names extra and missing properties in words, never in Ajv's", () => {
      expect(output).not.toMatch(
        /must NOT|must have required property|property name must be valid|must match|\(root\)|schema: /,
      );
    });

    it("names the 200 body's extra and missing properties against the spec's schema, where a login was given", () => {
      const success = detailEntries(output).find((entry) => entry[0]?.includes("200 success ←"));
      if (words === undefined) expect(success).toBeUndefined();
      else for (const line of words) expect(success?.join("\n")).toContain(line);
    });

    it("groups cases that failed alike, and never prints the token", () => {
      expect(output.split("\n").length).toBeLessThan(150);
      expect(output).not.toMatch(/token: "x"|"x" *$/m);
    });
  },
);

it("stops printing quietly when its reader goes away (`| head -40`), and still writes the reports", async () => {
  const { spawn } = await import("node:child_process");
  const { mkdtempSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const junit = join(mkdtempSync(join(tmpdir(), "contract-pipe-")), "junit.xml");
  const child = spawn(process.execPath, [
    "cli/run.ts",
    "contract",
    ...["--variant", "talkstack", "--base-url", url, "--junit", junit],
  ]);
  // Like `head` gone before the first line: the pipe is closed before the child can write to
  // it, so its first write always meets EPIPE.
  child.stdout.destroy();
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
  expect(code).toBe(1);
  expect(readFileSync(junit, "utf8")).toContain("<failure");
}, 60_000);
