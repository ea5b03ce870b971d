/**
 * Renders everything `npm run generate` derives from the OpenAPI documents:
 * - `generated/<variant>.ts`: TypeScript types, by openapi-typescript;
 * - `generated/<variant>.json`: the document as JSON, for runtimes that cannot read YAML
 *   (the browser worker, bundlers), without the prose nothing reads at run time
 *   (runtime-document.ts);
 * - `generated/login.ts`: each preset's login operation (the one with `x-login-mock`) under one
 *   interface, and the names of its response examples (the mock's scenarios), which
 *   openapi-typescript drops;
 * - `generated/validators.js` (+ `.d.ts`): the presets' precompiled request and profile
 *   validators (presets/validator-schemas.ts lists them).
 * The generate script writes these files and the staleness test compares them with the
 * committed ones, both through `renderAllGeneratedFiles`, so they can never disagree on the options.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { parse } from "yaml";
import type { PresetId as Variant } from "../presets/ids.ts";
import { VARIANTS } from "../presets/ids.ts";
import { loginApiFromDocument } from "./compile-login-api.ts";
import type { OpenApiDocument } from "./document.ts";
import { listResponseExamples } from "./examples.ts";
import { loadDocument } from "./load.ts";
import { findLoginOperation } from "./login-operation.ts";
import { renderValidatorFiles } from "./render-validators.ts";
import { runtimeDocument } from "./runtime-document.ts";
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
      content: `${JSON.stringify(runtimeDocument(document), null, 2)}\n`,
    },
  ];
}

/**
 * `generated/login.ts`. The scenario names are types so that a misspelt scenario of a preset
 * (`forceScenario(<preset>, "<typo>")`) fails to compile; they are generated, like the rest, so a renamed example
 * in the YAML renames the type (and the staleness test fails until `npm run generate` runs).
 */
export async function renderLoginTypes(): Promise<GeneratedFile> {
  const variants = await Promise.all(
    VARIANTS.map(async (variant) => ({
      variant,
      document: parse(await readFile(specPath(variant), "utf8")) as OpenApiDocument,
    })),
  );
  const path = fileURLToPath(new URL("./generated/login.ts", import.meta.url));
  const sources = VARIANTS.map((variant) => `openapi/${variant}.yaml`).join(", ");
  const lines = [
    `// Generated from ${sources} by \`npm run generate\`. Do not edit.`,
    "",
    ...VARIANTS.map((variant) => `import type * as ${variant} from "./${variant}.ts";`),
    "",
    "/** Each preset's login operation (the one with `x-login-mock`), as openapi-typescript types it. */",
    "export interface LoginOperations {",
    ...variants.map(({ variant, document }) => {
      const { path, method } = findLoginOperation(document, `openapi/${variant}.yaml`);
      return `  ${variant}: ${variant}.paths[${JSON.stringify(path)}][${JSON.stringify(method)}];`;
    }),
    "}",
    "",
    "/**",
    " * Each variant's named response examples, which are the mock's response scenarios, with the",
    " * status each is documented under.",
    " */",
    "export interface ResponseExamples {",
    ...variants.flatMap(({ variant, document }) => [
      `  ${variant}: {`,
      ...listResponseExamples(document).flatMap((example) => [
        `    /** ${example.status}: ${example.summary.replaceAll("*/", "*\\/")} */`,
        `    ${JSON.stringify(example.name)}: ${example.status};`,
      ]),
      "  };",
    ]),
    "}",
    "",
  ];
  return { path, content: lines.join("\n") };
}

/** Every generated file: each variant's types and JSON, the login types, the validators. */
export async function renderAllGeneratedFiles(): Promise<GeneratedFile[]> {
  // Each preset's spec is read as a user's would be, its x-login-mock block checked against
  // the block's schema: the presets skip that check at run time (presets/index.ts).
  for (const variant of VARIANTS)
    loginApiFromDocument(await loadDocument(variant), `openapi/${variant}.yaml`);
  const perVariant = await Promise.all(VARIANTS.map(renderGeneratedFiles));
  return [...perVariant.flat(), await renderLoginTypes(), ...(await renderValidatorFiles())];
}
