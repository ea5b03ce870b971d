/**
 * The spec's request schema, not a hand-written rule, decides what is invalid input, and both
 * variants follow it: bodies generated from `LoginRequest` go through the core
 * (`createLoginMock().handle`). A valid body is never answered with an invalid-input response,
 * an invalid one always is, and for arbitrary bodies the mock and the contract harness's own
 * Ajv (compiled at run time from the YAML) agree. Seeded and bounded; the seed is printed.
 * Replay a failure with LOGIN_MOCK_PROPERTY_SEED=<seed>.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { loadDocument } from "../openapi/load.ts";
import { compileSchema, createSchemaValidator } from "../openapi/schema-validator.ts";
import { type PresetId, VARIANTS } from "../presets/ids.ts";

const SEED = Number(process.env.LOGIN_MOCK_PROPERTY_SEED ?? 20261123);
const RUNS = 300;

/** The examples each variant serves for invalid input: the spec's own. */
const INVALID_INPUT: Record<PresetId, readonly string[]> = {
  talkstack: ["credentials-missing", "invalid-email"],
  seamless: ["missing-fields"],
};
const REQUIRED: Record<PresetId, readonly string[]> = {
  talkstack: ["email", "password"],
  seamless: ["email", "password", "recaptchaVal"],
};

const mock = createLoginMock();
const reference = {} as Record<PresetId, ValidateFunction>;

beforeAll(async () => {
  console.log(
    `[login-mock] request-schema properties: ${RUNS} runs each, seed ${SEED} (replay with LOGIN_MOCK_PROPERTY_SEED=${SEED})`,
  );
  const ajv = createSchemaValidator();
  for (const variant of VARIANTS) {
    const schema = (await loadDocument(variant)).components?.schemas?.LoginRequest;
    if (!schema) throw new Error(`[login-mock] The ${variant} spec has no LoginRequest.`);
    reference[variant] = compileSchema(ajv, schema);
  }
});

async function answer(variant: PresetId, request: { contentType: string; body: string }) {
  const reply = await mock.handle(variant, {
    contentType: request.contentType,
    bodyText: request.body,
    prefer: null,
    scenario: null,
  });
  if (reply.kind !== "response") throw new Error("[login-mock] A fault without forcing one.");
  return reply.headers.find(([name]) => name === "x-mock-scenario")?.[1] ?? "";
}

const json = (value: unknown) => ({ contentType: "application/json", body: JSON.stringify(value) });

// RFC 5321 addresses, dot-atom form: fast-check's own, and local@label (a dotless domain such as
// `0@io`), in any letter case.
const atom = fc.stringMatching(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,12}$/);
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const address = fc.mixedCase(
  fc.oneof(
    fc.emailAddress(),
    fc.tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), label).map(([atoms, host]) => {
      return `${atoms.join(".")}@${host}`;
    }),
  ),
);
// Any non-empty string: blanks, controls, lone surrogates and emoji included.
const anyText = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.string({ minLength: 1, unit: "binary" }),
  fc.constantFrom(" ", "\t", "   ", "\n", "\u00a0"),
);
const extraFields = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((key) => !["email", "password", "recaptchaVal", "__proto__"].includes(key)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);

function validBody(variant: PresetId) {
  return fc
    .record({ email: address, password: anyText, recaptchaVal: anyText, extra: extraFields })
    .map(({ extra, recaptchaVal, ...fields }) =>
      variant === "seamless" ? { ...extra, ...fields, recaptchaVal } : { ...extra, ...fields },
    );
}

// Strings no RFC 5321 dot-atom address can be.
const notAnAddress = fc.oneof(
  fc.string().filter((text) => !text.includes("@")),
  address.map((email) => ` ${email}`),
  address.map((email) => `${email} `),
  address.map((email) => `${email}@x`),
  address.map((email) => `.${email}`),
  address.map((email) => email.replace("@", "..@")),
  address.map((email) => email.replace("@", "@-")),
  address.map((email) => `${email}.`),
  address.map((email) => email.replace(/@.*/, `@${"a".repeat(64)}`)),
  address.map((email) => email.replace(/@.*/, "@")),
  address.map((email) => email.replace(/.*@/, "@")),
  address.map((email) => email.replace("@", " @")),
  address.map((email) => email.replace("@", "@é")),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  // NoSQL-injection style nesting.
  fc.constantFrom({ $ne: "" }, { $gt: "" }, { email: "user@example.com" }),
);

function invalidBody(variant: PresetId) {
  const field = fc.constantFrom(...REQUIRED[variant]);
  const flawed = fc.oneof(
    fc.tuple(validBody(variant), field).map(([body, name]) => {
      const { [name]: _dropped, ...rest } = body as Record<string, unknown>;
      return json(rest);
    }),
    fc
      .tuple(validBody(variant), field, wrongType)
      .map(([body, name, value]) => json({ ...body, [name]: value })),
    fc.tuple(validBody(variant), field).map(([body, name]) => json({ ...body, [name]: "" })),
    fc.tuple(validBody(variant), notAnAddress).map(([body, email]) => json({ ...body, email })),
    // Extra nesting: the credentials one level down, or inside an array.
    validBody(variant).map((body) => json({ user: body })),
    validBody(variant).map((body) => json([body])),
    validBody(variant).map((body) => ({ contentType: "text/plain", body: JSON.stringify(body) })),
    validBody(variant).map((body) => ({
      contentType: "application/json",
      body: JSON.stringify(body).slice(0, -1),
    })),
  );
  return flawed;
}

/** TalkStack's choice between its two 400s, from the reference Ajv's errors (spec: missing first). */
function expectedTalkStackExample(validate: ValidateFunction): string {
  const errors = validate.errors ?? [];
  const formatOnly = errors.every((e) => e.keyword === "format" && e.instancePath === "/email");
  return errors.length > 0 && formatOnly ? "invalid-email" : "credentials-missing";
}

function parsedFields(request: { contentType: string; body: string }): unknown {
  if (request.contentType !== "application/json") return {};
  try {
    const value: unknown = JSON.parse(request.body);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

describe.each(VARIANTS)("the %s core, judged by the spec's LoginRequest", (variant) => {
  it(`never answers a schema-valid body as invalid input (${RUNS} bodies)`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(validBody(variant), async (body) => {
        sent++;
        // The generator's own claim first: these are addresses the spec's format accepts.
        expect(reference[variant](body), JSON.stringify(reference[variant].errors)).toBe(true);
        expect(INVALID_INPUT[variant]).not.toContain(await answer(variant, json(body)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(sent).toBe(RUNS);
  });

  it(`always answers a schema-invalid body as invalid input (${RUNS} bodies)`, async () => {
    await fc.assert(
      fc.asyncProperty(invalidBody(variant), async (request) => {
        const validate = reference[variant];
        expect(validate(parsedFields(request))).toBe(false);
        const example = await answer(variant, request);
        expect(example).toBe(
          variant === "talkstack" ? expectedTalkStackExample(validate) : "missing-fields",
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`agrees with the harness's Ajv on arbitrary bodies (${RUNS} bodies)`, async () => {
    const value = fc.oneof(
      { weight: 4, arbitrary: address },
      { weight: 4, arbitrary: anyText },
      notAnAddress,
      fc.constant(""),
      wrongType,
    );
    const arbitraryBody = fc.record(
      { email: value, password: value, recaptchaVal: value },
      { requiredKeys: [] },
    );
    const tally = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(arbitraryBody, async (body) => {
        const valid = reference[variant](body);
        tally[valid ? "valid" : "invalid"]++;
        const example = await answer(variant, json(body));
        expect(INVALID_INPUT[variant].includes(example), example).toBe(!valid);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`[login-mock] ${variant}: ${tally.valid} valid, ${tally.invalid} invalid bodies`);
    expect(Math.min(tally.valid, tally.invalid)).toBeGreaterThan(RUNS / 10);
  });
});
