/**
 * The schemas `npm run generate` precompiles into `generated/validators.js`, one exported
 * validator each: the built-in specs' request and profile components, exactly as
 * `openapi/<preset>.yaml` defines them, so a preset judges bodies and profiles in a browser
 * without a schema compiler. The `x-login-mock` block's own schema is not among them: the
 * presets skip that check at run time (their blocks are fixed at build time, and the generator
 * and test/presets.test.ts check them as a user's spec is checked); only a spec read at run
 * time compiles it, with Ajv, in `login-mock/spec`.
 */
import type { PresetId as Variant } from "./ids.ts";

export interface PrecompiledSchema {
  readonly variant: Variant;
  /** JSON pointer into the preset's document. */
  readonly pointer: `/components/schemas/${string}`;
}

/** Export name → schema. Names say what the function does, not what the type is called. */
export const PRECOMPILED_SCHEMAS = {
  validateTalkStackLoginRequest: {
    variant: "talkstack",
    pointer: "/components/schemas/LoginRequest",
  },
  validateTalkStackUser: { variant: "talkstack", pointer: "/components/schemas/User" },
  validateSeamlessLoginRequest: {
    variant: "seamless",
    pointer: "/components/schemas/LoginRequest",
  },
  validateSeamlessUserConfig: { variant: "seamless", pointer: "/components/schemas/UserConfig" },
} as const satisfies Record<string, PrecompiledSchema>;
