/**
 * Node-only: where the OpenAPI documents and their generated types are on disk. Kept apart from
 * `documents.ts`, which the browser bundle imports and which must not pull in `node:url`.
 */
import { fileURLToPath } from "node:url";
import type { PresetId as Variant } from "../presets/ids.ts";

/** Absolute path of a variant's OpenAPI document. */
export function specPath(variant: Variant): string {
  return fileURLToPath(new URL(`./${variant}.yaml`, import.meta.url));
}

/** Absolute path of the types openapi-typescript generates from a variant's document. */
export function generatedTypesPath(variant: Variant): string {
  return fileURLToPath(new URL(`./generated/${variant}.ts`, import.meta.url));
}
