import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

// `npx msw init examples/app/public` copies this file; an msw upgrade must copy it again, or
// the page's worker and the library disagree on their message protocol.
it("keeps the sample app's mockServiceWorker.js identical to the installed msw's", () => {
  const installed = readFileSync("node_modules/msw/lib/mockServiceWorker.js", "utf8");
  const committed = readFileSync("examples/app/public/mockServiceWorker.js", "utf8");
  expect(committed === installed, "run `npx msw init examples/app/public` and commit").toBe(true);
});
