/**
 * Which operation of a document logs in: the one that carries `x-login-mock`, wherever it is
 * (any path, any method), as Prism finds an operation by the document's own paths.
 */
import type { OpenApiDocument, OperationObject } from "./document.ts";
import { pointerOf } from "./json-pointer.ts";
import { LOGIN_EXTENSION } from "./login-extension.ts";
import { LoginSpecError } from "./login-spec-error.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** The one operation carrying `x-login-mock`; throws when there is none or several. */
export function findLoginOperation(
  document: OpenApiDocument,
  source: string,
): { path: string; method: string; operation: OperationObject } {
  const found: { path: string; method: string; operation: OperationObject }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && Object.hasOwn(operation, LOGIN_EXTENSION))
        found.push({ path, method, operation });
    }
  }
  const [first, second] = found;
  if (!first) {
    throw new LoginSpecError(
      source,
      "/paths",
      `no operation has an \`${LOGIN_EXTENSION}\` block, so login-mock cannot tell which one logs in`,
      `Add \`${LOGIN_EXTENSION}: { identity, secret, outcomes, token, accounts, unknownIdentity }\` to the login operation (docs/specs.md shows a whole one).`,
    );
  }
  if (second) {
    throw new LoginSpecError(
      source,
      pointerOf("paths", second.path, second.method, LOGIN_EXTENSION),
      `a second operation has an \`${LOGIN_EXTENSION}\` block (the first is ${first.method.toUpperCase()} ${first.path})`,
      "Keep the block on the login operation only; one spec file describes one login API.",
    );
  }
  return first;
}
