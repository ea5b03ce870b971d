/**
 * The negative phase's generated requests: bounded, seeded fast-check samples of bodies that no
 * server may accept, because each lacks at least one required field as a non-empty string
 * (missing, empty, mistyped), is not a JSON object, or is not JSON at all. A form body
 * (`application/x-www-form-urlencoded`) carries only strings and parses whatever it holds, so
 * its samples are the missing and the empty fields.
 */
import fc from "fast-check";
import type { LoginApi } from "../openapi/login-api.ts";
import {
  baseFields,
  encodeFields,
  type ProvocationRequest,
  requestContentType,
  sendsForm,
} from "./provocations.ts";

export interface NegativeBody extends ProvocationRequest {
  /** What makes it invalid, for reports (never the body itself). */
  readonly flaw: string;
}

/**
 * `runs` invalid bodies for `api`, the same ones for the same seed. `unknownIdentity` fills the
 * well-formed body that decides which fields a blank value (spaces) breaks.
 */
export function sampleNegativeBodies(
  api: LoginApi,
  runs: number,
  seed: number,
  unknownIdentity: string,
): NegativeBody[] {
  const required = api.request.fields.filter((field) => field.required).map((field) => field.name);
  if (runs <= 0 || required.length === 0) return [];
  const form = sendsForm(api);
  const contentType = requestContentType(api);
  const encode = (value: unknown, flaw: string): NegativeBody =>
    form && value !== null && typeof value === "object" && !Array.isArray(value)
      ? { ...encodeFields(api, value as Record<string, unknown>), flaw }
      : { contentType, body: JSON.stringify(value), flaw };
  // Spaces are a value like any other for a field whose schema allows them (a secret, usually),
  // not for one whose format or pattern they break: there, blank is invalid.
  const base = baseFields(api, { unknownIdentity });
  const blankBreaks = new Set(
    required.filter(
      (name) =>
        !api.request.validate({ ...base, [name]: " " }) &&
        !api.request.validate({ ...base, [name]: "\t" }),
    ),
  );
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
    return encode({ ...extra, ...rest }, `no \`${name}\``);
  });
  const mistyped = fc
    .tuple(fullObject, field, wrongType)
    .map(([body, name, value]) =>
      encode(
        { ...body, [name]: value },
        `\`${name}\` is ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
      ),
    );
  const blank = fc
    .tuple(fullObject, field, fc.constantFrom("", " ", "\t"))
    .map(([body, name, spaces]) => {
      const value = blankBreaks.has(name) ? spaces : "";
      return encode({ ...body, [name]: value }, `\`${name}\` is ${value ? "blank" : "empty"}`);
    });
  const notAnObject = fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    )
    .map((value) => encode(value, "the body is not a JSON object"));
  const notJson = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((text) => !parses(text))
    .map(
      (text): NegativeBody => ({
        contentType,
        body: text,
        flaw: "the body is not JSON",
      }),
    );

  const kinds = form ? [missing, blank] : [missing, mistyped, blank, notAnObject, notJson];
  return fc.sample(fc.oneof(...kinds), { numRuns: runs, seed });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
