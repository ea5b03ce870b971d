// Loaded with `node --import`: appends every module the process resolves to the file named in
// LOGIN_MOCK_TEST_IMPORT_LOG, so a test can tell what a command loaded.
import { appendFileSync } from "node:fs";
import module from "node:module";

const log = process.env.LOGIN_MOCK_TEST_IMPORT_LOG;

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (log) appendFileSync(log, `${resolved.url}\n`);
    return resolved;
  },
});
