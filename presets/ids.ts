/**
 * The built-in presets' ids, each the name of its spec file (`openapi/<id>.yaml`), and the
 * name each vendor writes. The generator reads this list (it runs before the generated JSON
 * exists); the registry (index.ts) lists the presets themselves and checks the two agree.
 */
export const VARIANTS = ["talkstack", "seamless"] as const;
export type PresetId = (typeof VARIANTS)[number];

/** Each preset's name as its vendor writes it (the generated type names use it). */
export const VARIANT_TITLES: Readonly<Record<PresetId, string>> = {
  talkstack: "TalkStack",
  seamless: "Seamless",
};
