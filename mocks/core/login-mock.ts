/**
 * The runtime-free mock: (variant, request data, store, clock, scenario) → reply. MSW handlers
 * and the HTTP server are thin adapters over `handle`, so every runtime answers identically.
 *
 * @example
 * const mock = createLoginMock({ seed: 7 });
 * const reply = await mock.handle("seamless", {
 *   contentType: "application/json",
 *   bodyText: JSON.stringify({ email: "user@example.com", password: "securePassword123", recaptchaVal: "x" }),
 *   prefer: null,
 *   scenario: null,
 * });
 */
import type { Variant } from "../../openapi/documents.ts";
import { createUserStore, type UserStore } from "../store/user-store.ts";
import { type BehaviourContext, exampleReply, type VariantBehaviour } from "./behaviour.ts";
import { type Clock, systemClock } from "./clock.ts";
import { SLOW_RESPONSE_MS } from "./faults.ts";
import { createWebCryptoSigner, DEFAULT_JWT_SECRET, type TokenSigner } from "./jwt.ts";
import { type MockReply, withDelay } from "./mock-reply.ts";
import { parsePreferHeader } from "./prefer-header.ts";
import type { RecaptchaMode } from "./recaptcha.ts";
import {
  type LoginFields,
  type LoginInput,
  nonEmptyString,
  readLoginFields,
} from "./request-data.ts";
import { findScenario, type Scenario, unknownScenarioMessage } from "./scenario-catalogue.ts";
import { seamlessLogin } from "./seamless-login.ts";
import { selectScenario } from "./select-scenario.ts";
import { talkstackLogin } from "./talkstack-login.ts";

export interface LoginMockOptions {
  /** Seed of the user store; the same seed gives the same users. Default 1. */
  readonly seed?: number;
  readonly clock?: Clock;
  readonly jwtSecret?: string;
  /** Signs the JWTs; default WebCrypto HS256 with `jwtSecret`. The HTTP server passes a faster one. */
  readonly tokenSigner?: TokenSigner;
  /** Token lifetime in seconds for both variants, instead of the documented 2 h / 24 h. */
  readonly tokenTtlSeconds?: number;
  /** How Seamless judges `recaptchaVal`. Default: accept any non-empty value. */
  readonly recaptcha?: RecaptchaMode;
  /** Added to every reply unless a request's `Prefer: delay=` says otherwise. */
  readonly delayMs?: number;
  /** Scenarios set for the whole mock from the start, per variant. */
  readonly scenarios?: Partial<Record<Variant, string>>;
}

export interface LoginMock {
  /** Answers one `POST /auth/login`. `override` is a scenario forced by a handler override. */
  handle(variant: Variant, input: LoginInput, override?: string | null): Promise<MockReply>;
  /** Sets (or with null, clears) the scenario every request of `variant` gets. */
  setScenario(variant: Variant, name: string | null): void;
  scenario(variant: Variant): string | null;
  /** Restores the seeded store and clears every sticky scenario. */
  reset(): void;
  readonly store: UserStore;
}

const BEHAVIOURS: Readonly<Record<Variant, VariantBehaviour>> = {
  talkstack: talkstackLogin,
  seamless: seamlessLogin,
};

export function createLoginMock(options: LoginMockOptions = {}): LoginMock {
  const store = createUserStore(options.seed ?? 1);
  const context: BehaviourContext = {
    store,
    clock: options.clock ?? systemClock,
    signToken:
      options.tokenSigner ?? createWebCryptoSigner(options.jwtSecret ?? DEFAULT_JWT_SECRET),
    tokenTtlSeconds: options.tokenTtlSeconds,
    recaptcha: options.recaptcha ?? { mode: "accept" },
  };
  const sticky = new Map<Variant, string>();

  function setScenario(variant: Variant, name: string | null): void {
    if (name === null) {
      sticky.delete(variant);
      return;
    }
    if (!findScenario(variant, name)) throw new Error(unknownScenarioMessage(variant, name));
    sticky.set(variant, name);
  }
  for (const [variant, name] of Object.entries(options.scenarios ?? {}) as [Variant, string][]) {
    setScenario(variant, name);
  }

  async function answerWith(variant: Variant, example: string, fields: LoginFields) {
    const behaviour = BEHAVIOURS[variant];
    let reply: MockReply;
    if (example === behaviour.successExample) {
      reply = await behaviour.succeed(nonEmptyString(fields, "email"), context);
    } else {
      reply = exampleReply(variant, example);
    }
    return withHeader(reply, SCENARIO_HEADER, example);
  }

  async function byData(variant: Variant, fields: LoginFields): Promise<MockReply> {
    return answerWith(variant, BEHAVIOURS[variant].decide(fields, context).example, fields);
  }

  async function render(variant: Variant, scenario: Scenario, fields: LoginFields) {
    if (scenario.kind === "response") return answerWith(variant, scenario.name, fields);
    switch (scenario.name) {
      case "network-error":
        return { kind: "network-error", delayMs: 0 } as const;
      case "no-response":
        return { kind: "no-response" } as const;
      case "slow-response":
        return withHeader(
          withDelay(await byData(variant, fields), SLOW_RESPONSE_MS),
          FAULT_HEADER,
          scenario.name,
        );
      case "truncated-json":
        return withHeader(truncate(await byData(variant, fields)), FAULT_HEADER, scenario.name);
    }
    throw new Error(`[login-mock] The fault "${scenario.name}" has no renderer.`);
  }

  return {
    store,
    setScenario,
    scenario: (variant) => sticky.get(variant) ?? null,
    reset() {
      store.reset();
      sticky.clear();
    },
    async handle(variant, input, override = null) {
      const preference = parsePreferHeader(input.prefer);
      const selection = selectScenario(variant, {
        preference,
        headerScenario: input.scenario,
        override,
        sticky: sticky.get(variant) ?? null,
      });
      if (selection.kind === "problem") return selection.reply;
      const fields = readLoginFields(input);
      const reply =
        selection.kind === "data"
          ? await byData(variant, fields)
          : await render(variant, selection.scenario, fields);
      return withDelay(reply, preference.delayMs ?? options.delayMs ?? 0);
    },
  };
}

/** Names the spec example a reply serves, so QA and tests can see which scenario answered. */
export const SCENARIO_HEADER = "x-mock-scenario";
/** Names the network fault applied to a reply that still arrives. */
export const FAULT_HEADER = "x-mock-fault";

function withHeader(reply: MockReply, name: string, value: string): MockReply {
  if (reply.kind !== "response") return reply;
  return { ...reply, headers: [...reply.headers, [name, value]] };
}

function truncate(reply: MockReply): MockReply {
  if (reply.kind !== "response") return reply;
  return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}
