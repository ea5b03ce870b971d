/**
 * The negative phase's generated requests: bounded, seeded fast-check samples of bodies that no
 * server may accept, because each lacks at least one required field as a non-empty string
 * (missing, empty, mistyped), is not a JSON object, or is not JSON at all.
 */
import fc from "fast-check";
import type { ProvocationRequest } from "./provocations.ts";

export interface NegativeBody extends ProvocationRequest {
  /** What makes it invalid, for reports (never the body itself). */
  readonly flaw: string;
}

const JSON_TYPE = "application/json";

export function sampleNegativeBodies(
  required: readonly string[],
  runs: number,
  seed: number,
): NegativeBody[] {
  if (runs <= 0 || required.length === 0) return [];
  const filler = fc.string({ minLength: 1, maxLength: 24 }).filter((text) => text.trim() !== "");
  const wrongType = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.string(), { maxKeys: 2 }),
  );
  const extraKeys = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 10 }).filter((key) => !required.includes(key)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );
  const field = fc.constantFrom(...required);
  const fullObject = fc.record(Object.fromEntries(required.map((name) => [name, filler])));

  const missing = fc.tuple(fullObject, field, extraKeys).map(([body, name, extra]) => {
    const { [name]: _dropped, ...rest } = body;
    return json({ ...extra, ...rest }, `no \`${name}\``);
  });
  const mistyped = fc
    .tuple(fullObject, field, wrongType)
    .map(([body, name, value]) =>
      json(
        { ...body, [name]: value },
        `\`${name}\` is ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
      ),
    );
  // Spaces are a value like any other for a password (the schema allows them), not for an email.
  const blank = fc
    .tuple(fullObject, field, fc.constantFrom("", " ", "\t"))
    .map(([body, name, spaces]) => {
      const value = name === "email" ? spaces : "";
      return json({ ...body, [name]: value }, `\`${name}\` is ${value ? "blank" : "empty"}`);
    });
  const notAnObject = fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    )
    .map((value) => json(value, "the body is not a JSON object"));
  const notJson = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((text) => !parses(text))
    .map(
      (text): NegativeBody => ({
        contentType: JSON_TYPE,
        body: text,
        flaw: "the body is not JSON",
      }),
    );

  return fc.sample(fc.oneof(missing, mistyped, blank, notAnObject, notJson), {
    numRuns: runs,
    seed,
  });
}

function json(value: unknown, flaw: string): NegativeBody {
  return { contentType: JSON_TYPE, body: JSON.stringify(value), flaw };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
