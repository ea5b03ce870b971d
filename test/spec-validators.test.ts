import { readFile } from "node:fs/promises";
import type { ValidateFunction } from "ajv/dist/2020.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { accountRowValidator } from "../mocks/store/account-row.ts";
import { seedAccounts } from "../mocks/store/seed.ts";
import type { SpecValidator } from "../openapi/generated/validators.js";
import * as precompiled from "../openapi/generated/validators.js";
import { addPrecompiledSchemas, validatorsPath } from "../openapi/render-validators.ts";
import { createSchemaValidator } from "../openapi/schema-validator.ts";
import { describeIssues, specSchema } from "../openapi/spec-schema.ts";
import { presetApiById } from "./support/apis.ts";

const talkstack = presetApiById("talkstack");
const [talkstackAccount] = seedAccounts(talkstack, 1);
const [seamlessAccount] = seedAccounts(presetApiById("seamless"), 1);
if (!talkstackAccount || !seamlessAccount) throw new Error("The seed has no demo accounts.");

// The same schemas compiled at run time by the project's Ajv (ajv-formats' own date-time).
const compiled = new Map<string, ValidateFunction>();
beforeAll(async () => {
  const ajv = createSchemaValidator();
  for (const [name, ref] of Object.entries(await addPrecompiledSchemas(ajv))) {
    const validate = ajv.getSchema(ref);
    if (validate) compiled.set(name, validate);
  }
});

const generated = new Map<string, SpecValidator>(Object.entries(precompiled));

function agree(name: string, value: unknown): void {
  const fast = generated.get(name);
  const reference = compiled.get(name);
  if (!fast || !reference) throw new Error(`No validator ${name}.`);
  expect(fast(value), `${name}(${JSON.stringify(value)})`).toBe(reference(value));
  expect(fast.errors ?? []).toEqual(reference.errors ?? []);
}

// Date-time-like text around the edges: bad months and days, leap days, leap seconds, offsets.
const dateTimeLike = fc
  .record({
    year: fc.constantFrom("1900", "2000", "2023", "2024", "0000", "9999"),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    separator: fc.constantFrom("T", "t", " ", "_"),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom("", ".5", ".123456"),
    zone: fc.constantFrom("Z", "z", "", "+00:00", "-01:00", "+2359", "+24:00", "-00:60", "+05"),
  })
  .map((p) => {
    const two = (n: number) => String(n).padStart(2, "0");
    return `${p.year}-${two(p.month)}-${two(p.day)}${p.separator}${two(p.hour)}:${two(p.minute)}:${two(p.second)}${p.fraction}${p.zone}`;
  });

// Seeded property runs: ~1 s alone, but several times that when every test file runs at once
// on two cores, which once passed the default 5 s timeout.
describe("the precompiled spec validators", { timeout: 30_000 }, () => {
  it("judge date-times exactly as the project's Ajv does", () => {
    fc.assert(
      fc.property(fc.oneof(dateTimeLike, fc.string()), (text) => {
        agree("validateTalkStackUser", { ...talkstackAccount.profile, created_at: text });
        const details = { lastLogin: text, loginCount: 1 };
        agree("validateSeamlessUserConfig", {
          ...seamlessAccount.profile,
          agentLoginDetails: details,
        });
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("judge emails and lengths (surrogate pairs count once) as the project's Ajv does", () => {
    const text = fc.oneof(fc.emailAddress(), fc.string({ unit: "binary", maxLength: 3 }));
    fc.assert(
      fc.property(text, text, (email, password) => {
        agree("validateTalkStackLoginRequest", { email, password });
        agree("validateSeamlessLoginRequest", { email, password, recaptchaVal: password });
        // The store's row takes any secret the spec's login takes (so every account can log
        // in): its own check agrees with the spec's password rule.
        const spec = compiled.get("validateTalkStackLoginRequest");
        if (!spec) throw new Error("No validator validateTalkStackLoginRequest.");
        expect(
          accountRowValidator(talkstack)({ ...talkstackAccount, secret: password }),
          JSON.stringify(password),
        ).toBe(spec({ email: talkstackAccount.identity, password }));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("judge any value as the project's Ajv does", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const name of generated.keys()) {
          agree(name, value);
          agree(name, { ...seamlessAccount, profile: value });
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("import only their small runtime: no Ajv, no ajv-formats, no code built at run time", async () => {
    const code = await readFile(validatorsPath(".js"), "utf8");
    expect(code.match(/^import .*$/gm)).toEqual([
      'import { ucs2length, validatorFormats } from "../validator-runtime.js";',
    ]);
    expect(code).not.toMatch(/require\(|new Function|eval\(/);
  });
});

describe("the Standard Schema adapter", () => {
  it("passes a value that fits the spec through unchanged", () => {
    const result = specSchema(precompiled.validateSeamlessUserConfig)["~standard"].validate(
      seamlessAccount.profile,
    );
    expect(result).toEqual({ value: seamlessAccount.profile });
  });

  it("reports each issue with the path to the value at fault", () => {
    const { name: _dropped, ...nameless } = seamlessAccount.profile;
    const result = specSchema(precompiled.validateSeamlessUserConfig)["~standard"].validate({
      ...nameless,
      allowedRoutes: ["/dashboard", "campaigns"],
    });
    expect(result.issues).toEqual([
      { message: "must have required property 'name'", path: ["name"] },
      { message: 'must match pattern "^/"', path: ["allowedRoutes", 1] },
    ]);
    expect(describeIssues(result.issues ?? [])).toBe(
      `name must have required property 'name'; allowedRoutes.1 must match pattern "^/"`,
    );
  });
});
