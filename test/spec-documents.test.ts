import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../openapi/document.ts";
import { listResponseExamples, loginOperation } from "../openapi/examples.ts";
import { loadDereferencedDocument, loadDocument } from "../openapi/load.ts";
import {
  compileSchema,
  createSchemaValidator,
  describeErrors,
} from "../openapi/schema-validator.ts";
import { specPath } from "../openapi/spec-files.ts";
import { type PresetId, VARIANTS } from "../presets/ids.ts";

/**
 * The statuses each vendor document lists, read off `../shared/seeds/`: TalkStack's
 * "Troubleshooting" list plus 200; Seamless' "Error Responses" headings plus 200.
 */
const VENDOR_STATUSES: Record<PresetId, number[]> = {
  talkstack: [200, 400, 401, 404, 500],
  seamless: [200, 401, 422, 500],
};

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const documents = {} as Record<PresetId, { raw: OpenApiDocument; dereferenced: OpenApiDocument }>;

beforeAll(async () => {
  for (const variant of VARIANTS) {
    documents[variant] = {
      raw: await loadDocument(variant),
      dereferenced: await loadDereferencedDocument(variant),
    };
  }
});

describe.each(VARIANTS)("the %s document", (variant) => {
  it("passes swagger-parser validation", async () => {
    await expect(SwaggerParser.validate(specPath(variant))).resolves.toBeDefined();
  });

  it("documents every status the vendor documents", () => {
    const statuses = Object.keys(loginOperation(documents[variant].raw).responses).map(Number);
    expect(statuses).toEqual(expect.arrayContaining(VENDOR_STATUSES[variant]));
  });

  it("marks every status the vendor does not document as inferred", () => {
    const { responses } = loginOperation(documents[variant].raw);
    const extra = Object.entries(responses).filter(
      ([status]) => !VENDOR_STATUSES[variant].includes(Number(status)),
    );
    for (const [status, response] of extra) {
      expect(response["x-inferred"], `${status} needs an x-inferred reason`).toMatch(/\w{3,}/);
    }
  });

  it("gives every response one JSON media type with a schema and at least one named example", () => {
    const { responses } = loginOperation(documents[variant].raw);
    for (const [status, response] of Object.entries(responses)) {
      // application/json for the vendor's bodies; the 413 is login-mock's problem+json.
      const types = Object.keys(response.content ?? {});
      expect(types, status).toHaveLength(1);
      expect(types[0], status).toMatch(/^application\/(json|problem\+json)$/);
      const media = response.content?.[types[0] ?? ""];
      expect(media?.schema, `${status} has no schema`).toBeDefined();
      expect(Object.keys(media?.examples ?? {}), `${status} has no named example`).not.toHaveLength(
        0,
      );
    }
  });

  it("names examples with unique kebab-case identifiers", () => {
    const names = listResponseExamples(documents[variant].raw).map((example) => example.name);
    for (const name of names) expect(name).toMatch(KEBAB_CASE);
    expect(new Set(names).size).toBe(names.length);
  });

  it("validates every named example against the schema of its own status", () => {
    const ajv = createSchemaValidator();
    const examples = listResponseExamples(documents[variant].dereferenced);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const validate = compileSchema(ajv, example.schema ?? {});
      const valid = validate(example.value);
      expect(valid, `${example.status} ${example.name}: ${describeErrors(validate.errors)}`).toBe(
        true,
      );
    }
  });

  it("tells same-status examples apart by a schema branch titled with the example's name", () => {
    const ajv = createSchemaValidator();
    const examples = listResponseExamples(documents[variant].dereferenced);
    const shared = examples.filter(
      (example) => examples.filter((other) => other.status === example.status).length > 1,
    );
    for (const example of shared) {
      const branches = (example.schema?.oneOf ?? example.schema?.anyOf) as
        | { title?: string }[]
        | undefined;
      const matching = (branches ?? []).filter((branch) =>
        compileSchema(ajv, branch as Record<string, unknown>)(example.value),
      );
      expect(matching.map((branch) => branch.title)).toEqual([example.name]);
    }
  });

  it("names, for every example, only provocations the document declares", () => {
    const declared = Object.keys(documents[variant].raw.info["x-provocations"] ?? {});
    const used = listResponseExamples(documents[variant].raw).flatMap((e) => e.provokedBy);
    for (const example of listResponseExamples(documents[variant].raw)) {
      expect(example.provokedBy.length, `${example.name} has no x-provoked-by`).toBeGreaterThan(0);
    }
    expect(declared.filter((word) => !used.includes(word))).toEqual([]);
    expect(used.filter((word) => !declared.includes(word))).toEqual([]);
  });
});
