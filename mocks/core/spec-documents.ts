/**
 * The two specs as data, for every runtime: the JSON copies `npm run generate` writes next to
 * the generated types. Importing JSON keeps the browser bundle free of a YAML parser.
 */
import type { OpenApiDocument } from "../../openapi/document.ts";
import type { Variant } from "../../openapi/documents.ts";
import seamless from "../../openapi/generated/seamless.json" with { type: "json" };
import talkstack from "../../openapi/generated/talkstack.json" with { type: "json" };

export const SPEC_DOCUMENTS: Readonly<Record<Variant, OpenApiDocument>> = {
  talkstack: talkstack as unknown as OpenApiDocument,
  seamless: seamless as unknown as OpenApiDocument,
};
