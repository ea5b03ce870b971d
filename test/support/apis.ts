/** The built-in presets as login APIs, by id, for tests that need an API object. */

import type { LoginApi } from "../../openapi/login-api.ts";
import type { PresetId } from "../../presets/ids.ts";
import { builtInApis } from "../../presets/index.ts";

export function presetApiById(id: PresetId): LoginApi {
  const api = builtInApis().find((candidate) => candidate.id === id);
  if (!api) throw new Error(`No built-in API "${id}".`);
  return api;
}
