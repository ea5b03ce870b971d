/**
 * Development-only loaders for the OpenAPI documents, for tests, scripts and the benchmark:
 * they read the YAML with `yaml` and validate it with swagger-parser, both devDependencies.
 * Nothing the package ships may import this file; the CLI, MSW and browsers read the JSON
 * copies in `generated/` (`npm run generate` writes them) and resolve `$ref`s with
 * `dereference.ts`.
 */
import { readFile } from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import { parse } from "yaml";
import type { PresetId as Variant } from "../presets/ids.ts";
import type { OpenApiDocument } from "./document.ts";
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
