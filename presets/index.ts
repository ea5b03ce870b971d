/**
 * The one registry of built-in login APIs. Each is read like a user's spec (login-api.ts);
 * the list is data, and nothing outside this folder names its members.
 */
import { dereference } from "../openapi/dereference.ts";
import type { SpecValidator } from "../openapi/generated/validators.js";
import { type LoginApi, readLoginApi } from "../openapi/login-api.ts";
import { VARIANTS } from "./ids.ts";
import type { LoginPreset } from "./preset.ts";
import { seamlessPreset } from "./seamless.ts";
import { talkstackPreset } from "./talkstack.ts";

export const PRESETS: readonly LoginPreset[] = [talkstackPreset, seamlessPreset];

let builtIn: readonly LoginApi[] | undefined;

const ALREADY_CHECKED = Object.assign(() => true, { errors: null }) as unknown as SpecValidator;

/**
 * The built-in APIs, read from their specs once, on first use (the package entry uses them on
 * import: the catalogue and default base URLs are built from them).
 */
export function builtInApis(): readonly LoginApi[] {
  if (!builtIn) {
    const apis = PRESETS.map(presetApi);
    const ids = apis.map((api) => api.id);
    // The generator writes openapi/generated/ from VARIANTS: a preset missing there has no JSON.
    if (ids.join() !== VARIANTS.join())
      throw new Error(
        `[login-mock] presets/ids.ts lists ${VARIANTS.join(", ")}, the registry ${ids.join(", ")}.`,
      );
    builtIn = apis;
  }
  return builtIn;
}

/** A preset as a login API: its spec read like any other, with its precompiled validators. */
export function presetApi(preset: LoginPreset): LoginApi {
  const document = dereference(preset.document);
  return readLoginApi(document, `preset ${document.info.title}`, {
    // Checked against LOGIN_EXTENSION_SCHEMA when `npm run generate` wrote this JSON (and by
    // test/presets.test.ts): the browser bundle carries no validator for it.
    validateExtension: ALREADY_CHECKED,
    // A refresh or logout body is checked for its fields (session-operations.ts), not compiled.
    compile: (_schema, role) =>
      role === "request"
        ? preset.validators.request
        : role === "profile"
          ? preset.validators.profile
          : undefined,
    hooks: preset.hooks,
  });
}
