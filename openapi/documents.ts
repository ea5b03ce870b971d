/**
 * The two variants and the path they serve. Runtime-free: the browser bundle imports it (the
 * files on disk are in `spec-files.ts`, for Node).
 */
/** The two login APIs the project implements, one OpenAPI document each. */
export const VARIANTS = ["talkstack", "seamless"] as const;
export type Variant = (typeof VARIANTS)[number];

/** Each API's name as its vendor writes it. */
export const VARIANT_TITLES: Readonly<Record<Variant, string>> = {
  talkstack: "TalkStack",
  seamless: "Seamless",
};

/** The path every variant serves, exactly as the vendors' hosts do. */
export const LOGIN_PATH = "/auth/login";

/** Tells whether a string names a variant. */
export function isVariant(value: string): value is Variant {
  return (VARIANTS as readonly string[]).includes(value);
}
