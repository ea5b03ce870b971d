/**
 * Ajv's errors, said in words a developer can act on: which property, named by its path in the
 * body (`data.scriptData._id`), and what is wrong with it. Extra and missing properties are
 * named and grouped per object; of a `oneOf`/`anyOf` whose every branch failed, only the
 * nearest branch (fewest errors) is described, under the branches' titles, so two near-identical
 * error lists never appear side by side. No value from the body is printed, only its kind:
 * reports never show what the target sent in a field.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import { MAX_JSON_DEPTH } from "./bounded-json.ts";

/**
 * @example
 * describeSchemaErrors(validate.errors, validate.schema, body)
 * // ["the body is missing `status` and `message` (required)",
 * //  "the body has `ok`, which the spec does not allow there"]
 */
export function describeSchemaErrors(
  errors: readonly ErrorObject[] | null | undefined,
  schema: unknown,
  data: unknown,
  root = "the body",
): string[] {
  const kept = nearestBranches(errors ?? [], schema, root);
  // Missing and extra properties are gathered per object, in the order first seen.
  const entries: (string | { key: string; names: string[] })[] = [...kept.leads];
  const groups = new Map<string, { key: string; names: string[] }>();
  const gather = (key: string, name: string) => {
    let entry = groups.get(key);
    if (!entry) {
      entry = { key, names: [] };
      groups.set(key, entry);
      entries.push(entry);
    }
    if (!entry.names.includes(name)) entry.names.push(name);
  };
  for (const error of kept.errors) {
    // The cause of a `propertyNames` error, which says it with the name.
    if ((error as { propertyName?: string }).propertyName !== undefined) continue;
    const params = error.params as Record<string, unknown>;
    const where = pathWords(error.instancePath, root);
    if (error.keyword === "required") gather(`missing\0${where}`, String(params.missingProperty));
    else if (error.keyword === "additionalProperties")
      gather(`extra\0${where}`, String(params.additionalProperty));
    else entries.push(sentence(error, where, schema, data));
  }
  const words = entries.map((entry) => {
    if (typeof entry === "string") return entry;
    const [kind, where] = entry.key.split("\0");
    const list = listWords(entry.names.map((name) => `\`${name}\``));
    return kind === "missing"
      ? `${where} is missing ${list} (required)`
      : `${where} has ${list}, which the spec does not allow there`;
  });
  return [...new Set(words)];
}

/** One error that is not a missing or extra property. */
function sentence(error: ErrorObject, where: string, schema: unknown, data: unknown): string {
  const params = error.params as Record<string, unknown>;
  const value = valueAt(data, error.instancePath);
  const limit = params.limit;
  switch (error.keyword) {
    case "type":
      return `${where} is ${kindWords(value)}; the spec says ${listWords(String(params.type).split(","), "or")}`;
    case "const":
      return `${where} is not ${shown(params.allowedValue)}, the only value the spec allows`;
    case "enum":
      return `${where} is not one of the values the spec allows: ${(params.allowedValues as unknown[]).map(shown).join(", ")}`;
    case "pattern":
      return `${where} does not have the form the spec gives (pattern ${String(params.pattern)})`;
    case "format":
      return `${where} is not ${FORMAT_WORDS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case "minLength":
      return limit === 1
        ? `${where} is empty`
        : `${where} is shorter than ${String(limit)} characters`;
    case "maxLength":
      return `${where} is longer than ${String(limit)} characters`;
    case "minimum":
      return `${where} is below the minimum of ${String(limit)}`;
    case "maximum":
      return `${where} is above the maximum of ${String(limit)}`;
    case "exclusiveMinimum":
      return `${where} is not above ${String(limit)}`;
    case "exclusiveMaximum":
      return `${where} is not below ${String(limit)}`;
    case "multipleOf":
      return `${where} is not a multiple of ${String(params.multipleOf)}`;
    case "minProperties":
      return `${where} has fewer than ${String(limit)} properties`;
    case "maxProperties":
      return limit === 0
        ? `${where} has properties; the spec documents an empty object`
        : `${where} has more than ${String(limit)} properties`;
    case "minItems":
      return `${where} has fewer than ${String(limit)} items`;
    case "maxItems":
      return `${where} has more than ${String(limit)} items`;
    case "uniqueItems":
      return `${where} has the same item twice (items ${String(params.j)} and ${String(params.i)})`;
    case "propertyNames":
      return `${where} has a property named \`${String(params.propertyName)}\`, a name the spec forbids there`;
    case "not":
      return `${where} is something the spec forbids there (${schemaWords(schemaAt(schema, `${error.schemaPath}`))})`;
    case "dependentRequired":
    case "dependencies":
      return `${where} has \`${String(params.property)}\` but not \`${String(params.missingProperty)}\`, which must come with it`;
    case "false schema":
      return `${where} is not allowed there`;
    case "oneOf":
      return `${where} fits more than one of the documented shapes, where exactly one is allowed`;
    default:
      return `${where}: ${error.message ?? `breaks the spec's \`${error.keyword}\` rule`}`;
  }
}

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: "an email address",
  "date-time": "a date-time (RFC 3339, e.g. 2025-03-05T11:04:49Z)",
  date: "a date (YYYY-MM-DD)",
  uri: "a URI",
  uuid: "a UUID",
};

/**
 * Errors of a `oneOf`/`anyOf` that no branch satisfied are cut down to the nearest branch's,
 * led by a sentence naming the branches; the outermost such keyword is resolved first.
 */
function nearestBranches(
  errors: readonly ErrorObject[],
  schema: unknown,
  root: string,
): { errors: ErrorObject[]; leads: string[] } {
  let kept = [...errors];
  const leads: string[] = [];
  const composites = kept
    .filter(
      (error) =>
        (error.keyword === "anyOf" || error.keyword === "oneOf") &&
        !(error.params as { passingSchemas?: unknown }).passingSchemas,
    )
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const composite of composites) {
    if (!kept.includes(composite)) continue;
    const prefix = `${composite.schemaPath}/`;
    const byBranch = new Map<number, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const index = Number(error.schemaPath.slice(prefix.length).split("/")[0]);
      byBranch.set(index, [...(byBranch.get(index) ?? []), error]);
    }
    const nearest = [...byBranch.entries()].sort(
      ([a, left], [b, right]) => left.length - right.length || a - b,
    )[0];
    const branches = schemaAt(schema, composite.schemaPath);
    const titles = Array.isArray(branches)
      ? branches.map((branch, i) => titleOf(branch) ?? `shape ${i + 1}`)
      : [];
    const where = pathWords(composite.instancePath, root);
    const nearestTitle = nearest ? (titles[nearest[0]] ?? `shape ${nearest[0] + 1}`) : undefined;
    const shapes = titles.length ? ` (${titles.join(", ")})` : "";
    const against = nearestTitle ? `; compared with the nearest, ${nearestTitle}:` : "";
    leads.push(`${where} fits none of the documented shapes${shapes}${against}`);
    const dropped = new Set(
      [...byBranch.entries()].filter(([index]) => index !== nearest?.[0]).flatMap(([, e]) => e),
    );
    kept = kept.filter((error) => error !== composite && !dropped.has(error));
  }
  return { errors: kept, leads };
}

function titleOf(node: unknown): string | undefined {
  const title = (node as { title?: unknown } | null)?.title;
  return typeof title === "string" ? title : undefined;
}

/** A short description of a schema, for `not`: its enum or const, else its title. */
function schemaWords(node: unknown): string {
  const schema = (node ?? {}) as { enum?: unknown[]; const?: unknown };
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(shown).join(", ")}`;
  if ("const" in schema) return shown(schema.const);
  return titleOf(node) ?? "a documented exclusion";
}

/** The node a schemaPath (`#/properties/data/not`) points at in the compiled schema. */
function schemaAt(schema: unknown, schemaPath: string): unknown {
  let node = schema;
  for (const token of schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[unescapePointer(token)];
  }
  return node;
}

/** The value at a JSON pointer in the body; bounded like every walk over a target's data. */
function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  const tokens = pointer.split("/").slice(1);
  for (const token of tokens.slice(0, MAX_JSON_DEPTH)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[unescapePointer(token)];
  }
  return node;
}

/** `/data/allowedRoutes/0` → "`data.allowedRoutes[0]`"; the root is `root` ("the body"). */
function pathWords(pointer: string, root = "the body"): string {
  if (!pointer) return root;
  const parts = pointer
    .split("/")
    .slice(1)
    .map(unescapePointer)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`));
  return `\`${parts.join("")}\``;
}

const unescapePointer = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");

/** What kind of value the body holds, never the value itself. */
function kindWords(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  if (value === undefined) return "missing";
  return `a ${typeof value}`;
}

/** A value from the spec (a const or enum member), short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}
