/**
 * Renders everything `npm run generate` derives from the OpenAPI documents:
 * - `generated/<variant>.ts`: TypeScript types, by openapi-typescript;
 * - `generated/<variant>.json`: the document as JSON, for runtimes that cannot read YAML
 *   (the browser worker, bundlers);
 * - `generated/validators.js` (+ `.d.ts`): precompiled schema validators, from both documents.
 * The generate script writes these files and the staleness test compares them with the
 * committed ones, both through `renderAllGeneratedFiles`, so they can never disagree on the options.
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { parse } from "yaml";
import type { Variant } from "./documents.ts";
import { VARIANTS } from "./documents.ts";
import { renderValidatorFiles } from "./render-validators.ts";
import { generatedTypesPath, specPath } from "./spec-files.ts";

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export async function renderGeneratedFiles(variant: Variant): Promise<GeneratedFile[]> {
  const source = specPath(variant);
  // Redocly's lint runs separately (`npm run lint`); here only the types matter.
  const ast = await openapiTS(pathToFileURL(source), { silent: true });
  const banner = `// Source: openapi/${variant}.yaml. Regenerate with \`npm run generate\`.\n\n`;
  const document = parse(await readFile(source, "utf8")) as unknown;
  return [
    { path: generatedTypesPath(variant), content: COMMENT_HEADER + banner + astToString(ast) },
    {
      path: generatedTypesPath(variant).replace(/\.ts$/, ".json"),
      content: `${JSON.stringify(document, null, 2)}\n`,
    },
  ];
}

/** Every generated file: each variant's types and JSON, then the validators of both. */
export async function renderAllGeneratedFiles(): Promise<GeneratedFile[]> {
  const perVariant = await Promise.all(VARIANTS.map(renderGeneratedFiles));
  return [...perVariant.flat(), ...(await renderValidatorFiles())];
}
