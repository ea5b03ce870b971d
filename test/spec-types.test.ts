/**
 * Types for a user's spec come from openapi-typescript, as docs/specs.md says: the documented
 * call on the example spec writes types in which the success body has the token where the
 * spec's `x-login-mock` points, and the extension changes nothing in them.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("types the example spec with the documented openapi-typescript call", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "spec-types-")), "oauth-password.d.ts");
  await promisify(execFile)("npx", [
    "openapi-typescript",
    "examples/specs/oauth-password.yaml",
    "-o",
    out,
  ]);
  const types = readFileSync(out, "utf8");
  expect(types).toContain('"/oauth/token"');
  expect(types).toMatch(/access_token: components\["schemas"\]\["Jwt"\]/);
  expect(types).not.toContain("x-login-mock");
}, 60_000);
