/**
 * A built-in login API: its spec (the JSON `npm run generate` writes from the YAML), the
 * validators precompiled from that spec (the browser gets no schema compiler), and the hooks
 * for what is not data. Everything else about it is read from the spec's `x-login-mock`
 * block, exactly as for a user's own spec.
 */
import type { OpenApiDocument } from "../openapi/document.ts";
import type { SpecValidator } from "../openapi/generated/validators.js";
import type { LoginHooks } from "../openapi/login-hooks.ts";

export interface LoginPreset {
  readonly document: OpenApiDocument;
  readonly validators: {
    readonly request: SpecValidator;
    readonly profile: SpecValidator | undefined;
  };
  readonly hooks: LoginHooks;
}
