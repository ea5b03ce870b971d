/**
 * The spec as the contract command reads it at runtime: the generated JSON with its internal
 * `$ref`s resolved by our own small function. It must give what swagger-parser gives.
 */
import { describe, expect, it } from "vitest";
import { dereference } from "../openapi/dereference.ts";
import type { OpenApiDocument } from "../openapi/document.ts";
import { loadDereferencedDocument } from "../openapi/load.ts";
import { runtimeDocument } from "../openapi/runtime-document.ts";
import { type PresetId, VARIANTS } from "../presets/ids.ts";
import { seamlessPreset } from "../presets/seamless.ts";
import { talkstackPreset } from "../presets/talkstack.ts";

/** The generated JSON each preset reads (presetApi dereferences it). */
const PRESET_DOCUMENTS: Record<PresetId, OpenApiDocument> = {
  talkstack: talkstackPreset.document,
  seamless: seamlessPreset.document,
};

describe("dereference", () => {
  it.each(VARIANTS)("resolves the %s spec exactly as swagger-parser does", async (variant) => {
    const ours = dereference(PRESET_DOCUMENTS[variant]);
    expect(JSON.stringify(ours)).not.toContain('"$ref"');
    // The presets' JSON is the YAML without its prose (runtime-document.ts).
    expect(ours).toEqual(runtimeDocument(await loadDereferencedDocument(variant)));
  });

  it("lays a $ref's siblings over its target and leaves the input untouched", () => {
    const document = {
      components: { schemas: { Id: { type: "string", description: "an id" } } },
      paths: { id: { $ref: "#/components/schemas/Id", description: "the user's id" } },
    };
    const before = structuredClone(document);
    expect(dereference(document).paths.id).toEqual({
      type: "string",
      description: "the user's id",
    });
    expect(document).toEqual(before);
  });

  it("refuses a reference outside #/components/ and says where it is", () => {
    expect(() => dereference({ paths: { a: { $ref: "other.yaml#/User" } } })).toThrow(
      /\$ref "other\.yaml#\/User" at \/paths\/a is not supported: only internal references to #\/components\//,
    );
  });

  it("names a reference that points at nothing, and a circular one", () => {
    expect(() => dereference({ components: {}, a: { $ref: "#/components/schemas/Nope" } })).toThrow(
      /"#\/components\/schemas\/Nope" at \/a points at nothing/,
    );
    const loop = { components: { schemas: { A: { items: { $ref: "#/components/schemas/A" } } } } };
    expect(() => dereference(loop)).toThrow(/is circular/);
  });
});
