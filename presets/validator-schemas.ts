/**
 * The schemas `npm run generate` precompiles into `generated/validators.js`, one exported
 * validator each: the built-in specs' request and profile components, exactly as
 * `openapi/<preset>.yaml` defines them, and the `x-login-mock` block's own schema, so a spec
 * loaded in a browser is checked without a schema compiler.
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
