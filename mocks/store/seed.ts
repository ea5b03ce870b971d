/**
 * The seeded users: the demo accounts plus a crowd of realistic generated users. Everything
 * random comes from one `Random` seeded with `seed` and a fixed reference date, so the same seed
 * gives byte-identical data on every machine and every day.
 */

import { buildCrowdSeamlessUserConfig, buildCrowdTalkStackUser } from "./crowd/crowd-users.ts";
import { createRandom, type Random } from "./crowd/random.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "./demo-accounts.ts";
import type { SeamlessAccount, TalkStackAccount } from "./user-store.ts";

/** "Now" for the seed: dates are in the two years before it. */
const REFERENCE_MS = Date.parse("2025-03-11T12:00:00.000Z");
const CROWD_SIZE = 20;

export function seedUsers(seed: number): {
  talkstack: TalkStackAccount[];
  seamless: SeamlessAccount[];
} {
  const random = createRandom(seed);

  const talkstack: TalkStackAccount[] = [
    {
      // The vendor document's example user, field for field.
      id: "67c82fd1a3b9e4f5c6d7e801",
      password: TALKSTACK_DEMO.documented.password,
      verified: true,
      profile: {
        email: TALKSTACK_DEMO.documented.email,
        name: "John",
        active_project: null,
        created_at: "2025-03-05T11:04:49.875Z",
        updated_at: "2025-03-05T11:06:02.837Z",
        company_name: null,
      },
    },
    demoTalkStackAccount(random, TALKSTACK_DEMO.member, true),
    demoTalkStackAccount(random, TALKSTACK_DEMO.unverified, false),
  ];
  const seamless: SeamlessAccount[] = [
    {
      password: SEAMLESS_DEMO.documented.password,
      config: buildCrowdSeamlessUserConfig(random, REFERENCE_MS, {
        email: SEAMLESS_DEMO.documented.email,
        name: "Demo User",
      }),
    },
    {
      // The user of the vendor document's success example, field for field.
      password: SEAMLESS_DEMO.john.password,
      config: {
        showQuotaStatusBox: true,
        _id: "507f1f77bcf86cd799439011",
        name: "John Doe",
        email: SEAMLESS_DEMO.john.email,
        generativeBotScript: true,
        allowedRoutes: ["/dashboard", "/campaigns", "/analytics"],
        editScriptAppData: false,
        viewHistoryTranscriptions: false,
        viewVoiceComponentConfigs: false,
        scriptData: {
          _id: "65a6b0c2e4b0f1a2b3c4d5e6",
          botName: "My AI Assistant",
          prompt: "You are a helpful assistant...",
          analyticsPrompt: "Extract key entities...",
        },
        brandSpecificData: {
          id: "65a6b0c2e4b0f1a2b3c4d5e7",
          campaignDialConfig: { maxCallsPerCampaign: 1000, dialPacing: 2 },
          showQuotaStatusBox: true,
        },
        agentLoginDetails: { lastLogin: "2024-01-16T10:30:00Z", loginCount: 42 },
      },
    },
  ];
  for (let index = 0; index < CROWD_SIZE; index++) {
    talkstack.push({
      id: random.hex(24),
      password: random.alphanumeric(14),
      verified: random.chance(0.9),
      profile: buildCrowdTalkStackUser(random, REFERENCE_MS),
    });
    seamless.push({
      password: random.alphanumeric(14),
      config: buildCrowdSeamlessUserConfig(random, REFERENCE_MS),
    });
  }
  return {
    talkstack: uniqueByEmail(talkstack, (a) => a.profile.email),
    seamless: uniqueByEmail(seamless, (a) => a.config.email),
  };
}

function demoTalkStackAccount(
  random: Random,
  demo: { email: string; password: string },
  verified: boolean,
): TalkStackAccount {
  return {
    id: random.hex(24),
    password: demo.password,
    verified,
    profile: buildCrowdTalkStackUser(random, REFERENCE_MS, { email: demo.email }),
  };
}

// Names repeat in a crowd; the first account with an email wins, as a unique index would.
function uniqueByEmail<T>(accounts: T[], emailOf: (account: T) => string): T[] {
  const seen = new Set<string>();
  return accounts.filter((account) => {
    const email = emailOf(account).toLowerCase();
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}
