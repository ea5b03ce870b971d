/**
 * TalkStack: its spec, plus a crowd of realistic users of which about one in ten has not
 * verified its email (and so answers `account-not-verified`).
 */
import talkstack from "../openapi/generated/talkstack.json" with { type: "json" };
import {
  validateTalkStackLoginRequest,
  validateTalkStackUser,
} from "../openapi/generated/validators.js";
import { buildCrowdTalkStackUser } from "./crowd/crowd-users.ts";
import type { LoginPreset } from "./preset.ts";

const CROWD_SIZE = 20;

export const talkstackPreset: LoginPreset = {
  document: talkstack as unknown as LoginPreset["document"],
  validators: { request: validateTalkStackLoginRequest, profile: validateTalkStackUser },
  hooks: {
    profileFor: (random, referenceMs, identity) =>
      buildCrowdTalkStackUser(random, referenceMs, { email: identity }),
    crowd: (random, referenceMs) =>
      Array.from({ length: CROWD_SIZE }, () => {
        const subject = random.hex(24);
        const secret = random.alphanumeric(14);
        const verified = random.chance(0.9);
        const profile = buildCrowdTalkStackUser(random, referenceMs);
        return {
          identity: profile.email,
          secret,
          subject,
          profile,
          ...(verified ? {} : { answer: "account-not-verified" }),
        };
      }),
  },
};
