// Type tests, checked by `tsc` in `npm test` (`npm run typecheck`): each `@ts-expect-error` must
// still be an error, or the build fails. A scenario name is typed per variant from the names
// `npm run generate` reads out of the specs' examples, so a misspelt or foreign name does not
// compile where it used to fail only at run time.
import {
  createLoginMock,
  forceScenario,
  forceScenarioWith,
  isScenarioName,
  type LoginMock,
  type ScenarioName,
  scenariosOf,
  type Variant,
} from "login-mock";
import type { ResponseExampleName } from "login-mock/types";
import { expectTypeOf } from "vitest";
import type { ResponseExamples } from "../openapi/generated/login.ts";

expectTypeOf<ResponseExampleName<"seamless">>().toEqualTypeOf<keyof ResponseExamples["seamless"]>();
expectTypeOf<ResponseExampleName<"talkstack">>().toEqualTypeOf<
  keyof ResponseExamples["talkstack"]
>();
expectTypeOf<"recaptcha-failed">().toExtend<ScenarioName<"seamless">>();
expectTypeOf<"recaptcha-failed">().not.toExtend<ScenarioName<"talkstack">>();
expectTypeOf<"invalid-password">().not.toExtend<ScenarioName<"seamless">>();
expectTypeOf<"network-error">().toExtend<ScenarioName<"talkstack"> & ScenarioName<"seamless">>();
// A variant known only at run time takes any variant's name; the run-time check stays.
expectTypeOf<"invalid-password" | "recaptcha-failed">().toExtend<ScenarioName<Variant>>();

declare const mock: LoginMock;

export function forcingFromCode(): void {
  forceScenario("seamless", "recaptcha-failed");
  forceScenario("talkstack", "invalid-password");
  forceScenario("seamless", "network-error");
  // @ts-expect-error a typo: the Seamless example is "recaptcha-failed"
  forceScenario("seamless", "recapcha-failed");
  // @ts-expect-error "invalid-password" is a TalkStack example, not a Seamless one
  forceScenario("seamless", "invalid-password");
  // @ts-expect-error "recaptcha-failed" is a Seamless example, not a TalkStack one
  forceScenario("talkstack", "recaptcha-failed");

  forceScenarioWith(mock, "seamless", "server-error");
  // @ts-expect-error TalkStack's 500 is "login-failed"; "server-error" is Seamless's
  forceScenarioWith(mock, "talkstack", "server-error");
}

export function forcingASession(): void {
  mock.setScenario("seamless", "recaptcha-failed");
  mock.setScenario("seamless", null);
  // @ts-expect-error a typo
  mock.setScenario("seamless", "recapcha-failed");
  mock.session("checkout").setScenario("talkstack", "user-not-found");
  // @ts-expect-error "user-not-found" is TalkStack's; Seamless answers 401 "invalid-credentials"
  mock.session("checkout").setScenario("seamless", "user-not-found");
  expectTypeOf(mock.scenario("seamless")).toEqualTypeOf<ScenarioName<"seamless"> | null>();
  expectTypeOf(
    mock.session().scenario("talkstack"),
  ).toEqualTypeOf<ScenarioName<"talkstack"> | null>();
}

export const started = createLoginMock({ scenarios: { seamless: "recaptcha-failed" } });
// @ts-expect-error TalkStack has no "recaptcha-failed" example
export const wrongStart = createLoginMock({ scenarios: { talkstack: "recaptcha-failed" } });

export function namesReadAtRunTime(name: string): void {
  // @ts-expect-error any string is not a scenario name until it is checked
  forceScenario("seamless", name);
  if (isScenarioName("seamless", name)) {
    expectTypeOf(name).toEqualTypeOf<ScenarioName<"seamless">>();
    forceScenario("seamless", name);
  }
  for (const scenario of scenariosOf("seamless")) forceScenario("seamless", scenario.name);
}
