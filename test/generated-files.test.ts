import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { VARIANTS } from "../openapi/documents.ts";
import { renderGeneratedFiles } from "../openapi/render-generated.ts";

describe("generated files", () => {
  it.each(VARIANTS)("are up to date with openapi/%s.yaml", async (variant) => {
    for (const file of await renderGeneratedFiles(variant)) {
      const committed = await readFile(file.path, "utf8").catch(() => "");
      expect(
        committed === file.content,
        `${relative(process.cwd(), file.path)} is stale: run \`npm run generate\` and commit the result.`,
      ).toBe(true);
    }
  });
});
