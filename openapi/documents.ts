/**
 * The built-in presets' spec files (`openapi/<id>.yaml`), for the generator, the dev loaders and
 * the preset registry (presets/index.ts). Generic code never reads this list: it works on
 * `LoginApi`s (login-api.ts), whose ids are any string.
 */
export const VARIANTS = ["talkstack", "seamless"] as const;
export type PresetId = (typeof VARIANTS)[number];

/** The id of a login API: a preset's or a user spec's `x-login-mock.id`. */
export type Variant = string;

/** Each preset's name as its vendor writes it (the generated type names use it). */
export const VARIANT_TITLES: Readonly<Record<PresetId, string>> = {
  talkstack: "TalkStack",
  seamless: "Seamless",
};
