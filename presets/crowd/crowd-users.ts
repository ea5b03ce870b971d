/**
 * Realistic users for the crowd around the demo accounts, typed by the spec and drawn from a
 * seeded `Random`, so a seed gives the same crowd everywhere. Not Faker: its English locale
 * alone is about 150 kB gzip, which the browser bundle would carry for forty names.
 */

import type { Random } from "../../mocks/store/random.ts";
import { SEAMLESS_ROUTES } from "../fixtures/seamless-routes.ts";
import type { SeamlessUserConfig, TalkStackUser } from "../types.ts";
import {
  COMPANY_SUFFIXES,
  SLOGAN_ADJECTIVES,
  SLOGAN_DESCRIPTORS,
  SLOGAN_NOUNS,
} from "./company-words.ts";
import { LOREM_WORDS } from "./lorem-words.ts";
import { EMAIL_HOSTS, FIRST_NAMES, LAST_NAMES } from "./person-names.ts";

const DAY_MS = 86_400_000;

/** A TalkStack `user`, created in the two years before `nowMs` and updated since. */
export function buildCrowdTalkStackUser(
  random: Random,
  nowMs: number,
  overrides: Partial<TalkStackUser> = {},
): TalkStackUser {
  const person = buildPerson(random);
  const createdMs = random.timeBetween(nowMs - 730 * DAY_MS, nowMs);
  return {
    email: person.email,
    name: person.name,
    active_project: random.chance() ? random.uuid() : null,
    created_at: new Date(createdMs).toISOString(),
    updated_at: new Date(random.timeBetween(createdMs, nowMs)).toISOString(),
    company_name: random.chance() ? buildCompanyName(random) : null,
    ...overrides,
  };
}

/** A Seamless `data` object: profile, script, brand config, flags, a login in the last 30 days. */
export function buildCrowdSeamlessUserConfig(
  random: Random,
  nowMs: number,
  overrides: Partial<SeamlessUserConfig> = {},
): SeamlessUserConfig {
  const person = buildPerson(random);
  const company = buildCompanyName(random);
  const showQuotaStatusBox = random.chance();
  return {
    showQuotaStatusBox,
    _id: random.hex(24),
    name: person.name,
    email: person.email,
    generativeBotScript: random.chance(),
    allowedRoutes: random.subset(SEAMLESS_ROUTES, 1),
    editScriptAppData: random.chance(),
    viewHistoryTranscriptions: random.chance(),
    viewVoiceComponentConfigs: random.chance(),
    scriptData: {
      _id: random.hex(24),
      botName: `${company} Assistant`,
      prompt: `You are a helpful assistant for ${company}. ${buildSlogan(random)}.`,
      analyticsPrompt: `Extract key entities: ${[1, 2, 3].map(() => random.pick(LOREM_WORDS)).join(" ")}.`,
    },
    brandSpecificData: {
      id: random.hex(24),
      campaignDialConfig: {
        maxCallsPerCampaign: random.int(100, 5000),
        dialPacing: random.int(1, 5),
      },
      showQuotaStatusBox,
    },
    agentLoginDetails: {
      lastLogin: new Date(random.timeBetween(nowMs - 30 * DAY_MS, nowMs)).toISOString(),
      loginCount: random.int(0, 200),
    },
    ...overrides,
  };
}

function buildPerson(random: Random): { name: string; email: string } {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const local = random.pick([
    `${first}.${last}`,
    `${first}_${last}`,
    `${first}${last}${random.int(1, 99)}`,
    `${first[0]}${last}`,
  ]);
  return { name: `${first} ${last}`, email: `${local}@${random.pick(EMAIL_HOSTS)}`.toLowerCase() };
}

function buildCompanyName(random: Random): string {
  const [a, b, c] = [1, 2, 3].map(() => random.pick(LAST_NAMES));
  return random.pick([
    `${a} ${random.pick(COMPANY_SUFFIXES)}`,
    `${a} - ${b}`,
    `${a}, ${b} and ${c}`,
  ]);
}

function buildSlogan(random: Random): string {
  const words = [SLOGAN_ADJECTIVES, SLOGAN_DESCRIPTORS, SLOGAN_NOUNS].map((list) =>
    random.pick(list),
  );
  return words.join(" ");
}
