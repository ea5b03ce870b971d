import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderAllGeneratedFiles } from "../openapi/render-generated.ts";

describe("generated files", () => {
  it("are up to date with openapi/*.yaml and presets/validator-schemas.ts", async () => {
    const files = await renderAllGeneratedFiles();
    expect(files.map((file) => relative(process.cwd(), file.path))).toEqual(
      expect.arrayContaining([
        "openapi/generated/talkstack.ts",
        "openapi/generated/seamless.json",
        "openapi/generated/login.ts",
        "openapi/generated/validators.js",
        "openapi/generated/validators.d.ts",
      ]),
    );
    for (const file of files) {
      const committed = await readFile(file.path, "utf8").catch(() => "");
      expect(
        committed === file.content,
        `${relative(process.cwd(), file.path)} is stale: run \`npm run generate\` and commit the result.`,
      ).toBe(true);
    }
  });
});
