/**
 * The negative phase's generated requests: bounded, seeded fast-check samples of bodies that no
 * server may accept. Each is the well-formed base body (`baseFields`, for the unknown identity)
 * with one required field missing, emptied or blanked, or given a value of another JSON type;
 * or a body that is not a JSON object; or not JSON at all. The other fields keep the base
 * body's values, whatever their types. A sample the request schema accepts (a field that allows
 * the empty string, or the type drawn) is not invalid and is dropped; more are drawn to make up
 * the number, up to a bound. A form body (`application/x-www-form-urlencoded`) carries only
 * strings and parses whatever it holds, so its samples are the missing and the empty fields.
 */
import fc from "fast-check";
import type { LoginApi } from "../openapi/login-api.ts";
import {
  baseFields,
  encodeFields,
  type ProvocationRequest,
  requestContentType,
  sendsForm,
  sentFields,
} from "./provocations.ts";

export interface NegativeBody extends ProvocationRequest {
  /** What makes it invalid, for reports (never the body itself). */
  readonly flaw: string;
}

/**
 * `runs` invalid bodies for `api` (fewer only when too few drawn were invalid), the same ones
 * for the same seed. `unknownIdentity` fills the base body every sample starts from.
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
  /** A sample before encoding: its value, or text that is not JSON. */
  type Sample = { readonly value: unknown; readonly flaw: string } | { readonly text: string };
  const sample = (value: unknown, flaw: string): Sample => ({ value, flaw });
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);
  // Spaces are a value like any other for a field whose schema allows them (a secret, usually),
  // not for one whose format or pattern they break: there, blank is invalid.
  const base = baseFields(api, { unknownIdentity });
  const blankBreaks = new Set(
    required.filter(
      (name) =>
        !api.request.validate(sentFields(api, { ...base, [name]: " " })) &&
        !api.request.validate(sentFields(api, { ...base, [name]: "\t" })),
    ),
  );
  const wrongType = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 24 }),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.string(), { maxKeys: 2 }),
  );
  const extraKeys = fc.dictionary(
    fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((key) => !api.request.fields.some((field) => field.name === key)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );
  const field = fc.constantFrom(...required);

  const missing = fc.tuple(field, extraKeys).map(([name, extra]) => {
    const { [name]: _dropped, ...rest } = base;
    return sample({ ...extra, ...rest }, `no \`${name}\``);
  });
  const mistyped = fc
    .tuple(field, wrongType)
    .map(([name, value]) =>
      sample(
        { ...base, [name]: value },
        `\`${name}\` is ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
      ),
    );
  const blank = fc.tuple(field, fc.constantFrom("", " ", "\t")).map(([name, spaces]) => {
    const value = blankBreaks.has(name) ? spaces : "";
    return sample({ ...base, [name]: value }, `\`${name}\` is ${value ? "blank" : "empty"}`);
  });
  const notAnObject = fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
    )
    .map((value) => sample(value, "the body is not a JSON object"));
  const notJson = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((text) => !parses(text))
    .map((text): Sample => ({ text }));

  /** Whether the server reads the sample as a body the schema accepts: then it is no flaw. */
  const accepted = (entry: Sample): boolean => {
    if ("text" in entry) return false;
    if (!form) return api.request.validate(entry.value);
    return isObject(entry.value) && api.request.validate(sentFields(api, entry.value));
  };
  const encode = (entry: Sample): NegativeBody => {
    if ("text" in entry) return { contentType, body: entry.text, flaw: "the body is not JSON" };
    return form && isObject(entry.value)
      ? { ...encodeFields(api, entry.value), flaw: entry.flaw }
      : { contentType, body: JSON.stringify(entry.value), flaw: entry.flaw };
  };

  const kinds = form ? [missing, blank] : [missing, mistyped, blank, notAnObject, notJson];
  // Drawn in one go, so the same seed gives the same bodies; the accepted ones are dropped.
  const drawn = fc.sample(fc.oneof(...kinds), { numRuns: runs * DRAWS_PER_BODY, seed });
  return drawn
    .filter((entry) => !accepted(entry))
    .slice(0, runs)
    .map(encode);
}

/** Samples drawn for each body wanted: room for the ones the schema accepts. */
const DRAWS_PER_BODY = 4;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
