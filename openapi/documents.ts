/**
 * Where the two OpenAPI documents and their generated types live. Everything else (types,
 * examples, scenarios, contract checks) is derived from these files.
 */
import { fileURLToPath } from "node:url";

/** The two login APIs the project implements, one OpenAPI document each. */
export const VARIANTS = ["talkstack", "seamless"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The path every variant serves, exactly as the vendors' hosts do. */
export const LOGIN_PATH = "/auth/login";

/** Absolute path of a variant's OpenAPI document. */
export function specPath(variant: Variant): string {
  return fileURLToPath(new URL(`./${variant}.yaml`, import.meta.url));
}

/** Absolute path of the types openapi-typescript generates from a variant's document. */
export function generatedTypesPath(variant: Variant): string {
  return fileURLToPath(new URL(`./generated/${variant}.ts`, import.meta.url));
}

/** Tells whether a string names a variant. */
export function isVariant(value: string): value is Variant {
  return (VARIANTS as readonly string[]).includes(value);
}
