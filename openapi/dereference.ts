/**
 * Replaces every `$ref` of a document by what it points at, so schemas can be compiled and
 * read without a resolver. Only internal `#/components/…` references are followed, in the
 * presets' specs and in a user's; anything else is an error, not a download (compile-login-api.ts
 * words these errors as a `LoginSpecError` for a user's spec). Runtime-free, and small on
 * purpose: the contract command runs from a user's `node_modules`, where swagger-parser is not
 * installed.
 */

const INTERNAL = "#/components/";

// Each shared target, by the pointer of what it was resolved from: a message about a node of
// the resolved document can name the place in the file it came from.
const origins = new WeakMap<object, string>();

/**
 * The JSON pointer (`/components/schemas/User`) a node of a `dereference`d document was
 * resolved from, when it is a `$ref`'s shared target; undefined otherwise.
 */
export function referenceOrigin(node: unknown): string | undefined {
  return node !== null && typeof node === "object" ? origins.get(node) : undefined;
}

/**
 * A copy of `document` with each `{ "$ref": "#/components/…" }` replaced by its target, as
 * swagger-parser's `dereference` does: siblings of the `$ref` (an `x-inferred`, a description)
 * are laid over the target, and each target is one shared object. The input is not modified.
 *
 * @example
 * const api = dereference(parse(readFileSync("my-login.yaml", "utf8")));
 */
export function dereference<T>(document: T): T {
  const resolved = new Map<string, unknown>();
  const resolving: string[] = [];

  function target(ref: string, at: string): unknown {
    if (resolved.has(ref)) return resolved.get(ref);
    if (resolving.includes(ref))
      throw new Error(
        `[login-mock] The spec's $ref "${ref}" at ${at} is circular (${[...resolving, ref].join(" → ")}); this loader does not follow cycles. Break the cycle in openapi/*.yaml and run \`npm run generate\`.`,
      );
    resolving.push(ref);
    const value = walk(pointAt(document, ref, at), ref.slice(1));
    resolving.pop();
    resolved.set(ref, value);
    if (value !== null && typeof value === "object") origins.set(value, ref.slice(1));
    return value;
  }

  function walk(node: unknown, at: string): unknown {
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}/${index}`));
    if (node === null || typeof node !== "object") return node;
    const { $ref: ref, ...siblings } = node as Record<string, unknown>;
    const copy = Object.fromEntries(
      Object.entries(siblings).map(([key, value]) => [
        key,
        walk(value, `${at}/${pointerToken(key)}`),
      ]),
    );
    if (ref === undefined) return copy;
    if (typeof ref !== "string" || !ref.startsWith(INTERNAL))
      throw new Error(
        `[login-mock] The spec's $ref ${JSON.stringify(ref)} at ${at || "/"} is not supported: only internal references to ${INTERNAL}… are resolved. Move the referenced part under components.`,
      );
    const shared = target(ref, at);
    return Object.keys(copy).length ? { ...(shared as object), ...copy } : shared;
  }

  return walk(document, "") as T;
}

/** The value a `#/…` JSON pointer names in `document`; throws when nothing is there. */
function pointAt(document: unknown, ref: string, at: string): unknown {
  let node = document;
  for (const token of ref.slice(2).split("/")) {
    const key = decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key))
      throw new Error(
        `[login-mock] The spec's $ref "${ref}" at ${at || "/"} points at nothing. Fix the reference in openapi/*.yaml and run \`npm run generate\`.`,
      );
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function pointerToken(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
