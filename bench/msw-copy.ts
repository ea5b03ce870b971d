/**
 * The msw package `msw` resolves to in this process: its version and folder (relative to the
 * cwd), from the package.json that `import.meta.resolve("msw")` leads to. The MSW batches
 * report it, so a batch run on msw 2 (through bench/msw2-resolve.mjs) proves it loaded msw 2.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export function loadedMsw(): { version: string; folder: string } {
  let folder = dirname(fileURLToPath(import.meta.resolve("msw")));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "msw" && pkg.version)
        return { version: pkg.version, folder: relative(process.cwd(), folder) };
    } catch {
      // No package.json at this level: go up.
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error("msw-copy: no msw package.json above msw's entry");
    folder = parent;
  }
}
