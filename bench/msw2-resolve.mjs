// Preloaded into an MSW batch (`node --import ./bench/msw2-resolve.mjs bench/msw-case.ts …`) by
// bench/msw-report.ts to run it on msw 2: every `msw` and `msw/*` import — bench/msw-case.ts's
// and our handlers' in mocks/msw/ alike — resolves to the `msw-2` devDependency (an npm alias of
// msw 2.x) instead of msw 3. A synchronous, in-thread module hook (node:module registerHooks,
// Node 22.15+ / 24), so it also applies to import.meta.resolve in the batch, which reports the
// copy it loaded. Anything that still resolves into msw 3's own folder is an error, so a batch
// cannot silently mix the two.
import { registerHooks } from "node:module";

const MSW_3_FOLDER = "/node_modules/msw/";

registerHooks({
  resolve(specifier, context, nextResolve) {
    const redirected =
      specifier === "msw" || specifier.startsWith("msw/")
        ? `msw-2${specifier.slice(3)}`
        : specifier;
    const result = nextResolve(redirected, context);
    if (result.url.includes(MSW_3_FOLDER))
      throw new Error(`msw2-resolve: ${specifier} resolved to msw 3 (${result.url})`);
    return result;
  },
});
