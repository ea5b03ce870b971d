/**
 * Node-only loaders for the OpenAPI documents. Browsers and MSW use the JSON copies in
 * `generated/` instead, which `npm run generate` writes from the same YAML.
 */
import { readFile } from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import { parse } from "yaml";
import type { OpenApiDocument } from "./document.ts";
import type { Variant } from "./documents.ts";
import { specPath } from "./spec-files.ts";

/** The document as written: internal `$ref`s kept. */
export async function loadDocument(variant: Variant): Promise<OpenApiDocument> {
  return parse(await readFile(specPath(variant), "utf8")) as OpenApiDocument;
}

/** The document validated by swagger-parser and with every `$ref` replaced by its target. */
export async function loadDereferencedDocument(variant: Variant): Promise<OpenApiDocument> {
  const api = await SwaggerParser.validate(specPath(variant));
  return api as unknown as OpenApiDocument;
}
