/** Seamless: its spec, plus a crowd of realistic user configurations. */
import seamless from "../openapi/generated/seamless.json" with { type: "json" };
import {
  validateSeamlessLoginRequest,
  validateSeamlessUserConfig,
} from "../openapi/generated/validators.js";
import { buildCrowdSeamlessUserConfig } from "./crowd/crowd-users.ts";
import type { LoginPreset } from "./preset.ts";

const CROWD_SIZE = 20;

export const seamlessPreset: LoginPreset = {
  document: seamless as unknown as LoginPreset["document"],
  validators: { request: validateSeamlessLoginRequest, profile: validateSeamlessUserConfig },
  hooks: {
    profileFor: (random, referenceMs, identity) =>
      buildCrowdSeamlessUserConfig(random, referenceMs, { email: identity }),
    crowd: (random, referenceMs) =>
      Array.from({ length: CROWD_SIZE }, () => {
        const secret = random.alphanumeric(14);
        const profile = buildCrowdSeamlessUserConfig(random, referenceMs);
        return { identity: profile.email, secret, profile };
      }),
  },
};
