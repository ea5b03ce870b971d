// Loaded with `node --import`: makes the package named in LOGIN_MOCK_TEST_HIDE_PACKAGE
// unresolvable, as in a project that never installed it, without touching node_modules.
import module from "node:module";

const hidden = process.env.LOGIN_MOCK_TEST_HIDE_PACKAGE;

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    if (hidden && (specifier === hidden || specifier.startsWith(`${hidden}/`))) {
      const error = new Error(`Cannot find module '${specifier}' (hidden by the test)`);
      error.code = "MODULE_NOT_FOUND";
      throw error;
    }
    return nextResolve(specifier, context);
  },
});
