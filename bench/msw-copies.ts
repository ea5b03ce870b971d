/**
 * The msw copies the MSW benchmarks measure, in order: msw 3 as installed, and msw 2 under the
 * `msw-2` dev alias, which a module hook resolves in place of `msw` (and refuses msw 3).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const MSW_COPIES = [
  { msw: "3", folder: "node_modules/msw", flags: [] as string[] },
  {
    msw: "2",
    folder: "node_modules/msw-2",
    flags: ["--import", pathToFileURL(join(import.meta.dirname, "msw2-resolve.mjs")).href],
  },
] as const;
