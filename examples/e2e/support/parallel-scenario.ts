/**
 * The body of the two parallel-scenario example files: each file is one Vitest worker (Vitest
 * runs files, not tests, in parallel), so each file only says which scenario it forces and
 * what the app must show; the steps are here.
 */
import { SEAMLESS_DEMO } from "login-mock";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "../../../test/browser/support/chromium.ts";
import { control, forceScenario, journalOf, logIn, openApp, waitForScenario } from "./e2e.ts";

export interface ParallelScenarioCase {
  /** This worker's mock session: any name no other worker uses. */
  readonly session: string;
  /** The Seamless scenario this worker forces. */
  readonly scenario: string;
  /** What the other worker forces at the same time, in its own session. */
  readonly other: { readonly session: string; readonly scenario: string };
  /** What the sample app shows for this worker's scenario, and the status it got. */
  readonly shows: { readonly headline: string; readonly message: string };
  readonly status: number;
}

export function parallelScenarioTest(test: ParallelScenarioCase): void {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    // A watch-mode rerun talks to the same server: start this session from its seeded state.
    await control(test.session, "POST", "/reset");
  });
  afterAll(() => browser?.close());

  it(`gets ${test.scenario} while the other worker forces ${test.other.scenario}`, async () => {
    const page = await openApp(browser, test.session, "query");
    await forceScenario(test.session, "seamless", test.scenario);
    // Only to prove the point: both sessions now hold a different scenario at the same moment.
    await waitForScenario(test.other.session, "seamless", test.other.scenario);

    expect(await logIn(page, "seamless", SEAMLESS_DEMO.documented)).toEqual(test.shows);
    // The session's journal holds this worker's login and nobody else's.
    const logins = await journalOf(test.session);
    expect(logins.map(({ path, status, scenario }) => ({ path, status, scenario }))).toEqual([
      { path: "/auth/login", status: test.status, scenario: test.scenario },
    ]);
  });
}
