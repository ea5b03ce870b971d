/**
 * A preset's document as the runtime reads it (`generated/<variant>.json`): the YAML without
 * the prose only people read (`description`, `x-enum-descriptions`), which is a third of its
 * weight in every browser bundle and is read by nothing at run time. Data keeps its every key:
 * example values, defaults, consts, enums, a schema's `examples`, the `x-login-mock` block (an
 * account's profile may well have a `description`). The YAML, which ships, keeps everything.
 */

/** Subtrees that are data, copied as they are. */
const DATA = new Set(["value", "example", "default", "const", "enum", "x-login-mock"]);
/** Annotation keys dropped wherever a string (or, for the enum's, a list) sits under them. */
const PROSE = new Set(["description", "x-enum-descriptions"]);

export function runtimeDocument(node: unknown, key = ""): unknown {
  if (DATA.has(key)) return node;
  // A schema's `examples` is a list of values; OpenAPI's `examples` is a map of Example objects.
  if (key === "examples" && Array.isArray(node)) return node;
  if (Array.isArray(node)) return node.map((item) => runtimeDocument(item));
  if (node === null || typeof node !== "object") return node;
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (PROSE.has(name) && (typeof value === "string" || Array.isArray(value))) continue;
    kept[name] = runtimeDocument(value, name);
  }
  return kept;
}
