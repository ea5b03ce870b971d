/**
 * The README's curl commands, run as a reader would paste them, against real servers. Only the
 * ports change (the servers here listen on free ones); a README edit that breaks a command
 * breaks this test.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useHttpServers } from "./support/http-servers.ts";

const README = readFileSync("README.md", "utf8");

/** The first ```sh block after `marker`. */
function shellBlockAfter(marker: string): string {
  const start = README.indexOf(marker);
  if (start === -1) throw new Error(`README.md no longer contains "${marker}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(start));
  if (!block?.[1]) throw new Error(`no sh block after "${marker}"`);
  return block[1];
}

describe("the README's commands", () => {
  const servers = useHttpServers();
  // Asynchronous: the servers answer from this same process.
  const run = async (script: string) => {
    const ported = script
      .replaceAll("http://127.0.0.1:4010", servers.url("talkstack"))
      .replaceAll("http://127.0.0.1:4011", servers.url("seamless"));
    const cwd = mkdtempSync(join(tmpdir(), "readme-"));
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", ported], {
      cwd,
      timeout: 20_000,
    });
    return { output: stdout, cwd };
  };

  it("log in with the vendor's curl example and keep the httpOnly cookie in the jar", async () => {
    const { output, cwd } = await run(shellBlockAfter("The vendors' own examples work unchanged"));
    expect(output).toContain('"status":"success"');
    expect(output).toContain('"loginStatus":3');
    expect(readFileSync(join(cwd, "cookies.txt"), "utf8")).toMatch(
      /^#HttpOnly_127\.0\.0\.1\t.*\ttoken\teyJ/m,
    );
  });

  it("set a scenario and reset through the control API", async () => {
    const { output } = await run(shellBlockAfter("| `POST /__mock/reset` |"));
    expect(output).toContain(
      '{"variant":"seamless","session":"default","scenario":"recaptcha-failed"}',
    );
    expect(output).toContain('{"reset":"session","session":"default"}');
    expect(servers.mock.scenario("seamless")).toBeNull();
  });
});
