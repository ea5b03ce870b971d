/**
 * The schemas `npm run generate` precompiles into `generated/validators.js`, one exported
 * validator each. Two kinds:
 * - spec components, exactly as `openapi/<variant>.yaml` defines them;
 * - the user store's rows: the mock's own fields (id, password, verified) around a spec
 *   component, which they `$ref` rather than restate, so the store cannot hold a user the spec
 *   would reject. The password is the spec's own login `password`, so every stored account can
 *   log in.
 * The rows sit in `$defs` of the same document as the components, so `#/components/…` resolves.
 */
import type { JsonSchema } from "./document.ts";
import type { Variant } from "./documents.ts";

export const STORE_ROWS: Readonly<Record<Variant, Readonly<Record<string, JsonSchema>>>> = {
  talkstack: {
    Account: {
      type: "object",
      additionalProperties: false,
      required: ["id", "password", "verified", "profile"],
      properties: {
        // The spec has no user id; the mock's tokens carry this one as `sub`.
        id: { type: "string", pattern: "^[0-9a-f]{24}$" },
        password: { $ref: "#/components/schemas/LoginRequest/properties/password" },
        verified: { type: "boolean" },
        profile: { $ref: "#/components/schemas/User" },
      },
    },
  },
  seamless: {
    Account: {
      type: "object",
      additionalProperties: false,
      required: ["password", "config"],
      properties: {
        password: { $ref: "#/components/schemas/LoginRequest/properties/password" },
        config: { $ref: "#/components/schemas/UserConfig" },
      },
    },
  },
};

export interface PrecompiledSchema {
  readonly variant: Variant;
  /** JSON pointer into the variant's document (components and `STORE_ROWS` as `$defs`). */
  readonly pointer: `/components/schemas/${string}` | `/$defs/${string}`;
}

/** Export name → schema. Names say what the function does, not what the type is called. */
export const PRECOMPILED_SCHEMAS = {
  validateTalkStackLoginRequest: {
    variant: "talkstack",
    pointer: "/components/schemas/LoginRequest",
  },
  validateTalkStackUser: { variant: "talkstack", pointer: "/components/schemas/User" },
  validateTalkStackAccount: { variant: "talkstack", pointer: "/$defs/Account" },
  validateSeamlessLoginRequest: {
    variant: "seamless",
    pointer: "/components/schemas/LoginRequest",
  },
  validateSeamlessUserConfig: { variant: "seamless", pointer: "/components/schemas/UserConfig" },
  validateSeamlessAccount: { variant: "seamless", pointer: "/$defs/Account" },
} as const satisfies Record<string, PrecompiledSchema>;
