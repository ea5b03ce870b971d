import { describe, expect, it } from "vitest";
import { buildProvocation, isUnreachable } from "../contracts/provocations.ts";
import { type ResponseScenario, SCENARIOS } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { forceScenarioWith } from "../mocks/msw/handlers.ts";
import {
  type DemoAccount,
  SEAMLESS_DEMO,
  TALKSTACK_DEMO,
  UNKNOWN_EMAIL,
} from "../presets/demo-accounts.ts";
import type { PresetId } from "../presets/ids.ts";
import {
  jsonRequest,
  postLogin,
  type ReceivedResponse,
  useMswLoginMock,
} from "./support/msw-login-mock.ts";
import { responseValidator } from "./support/spec-validators.ts";

const { mock, server } = useMswLoginMock();

const responseScenarios = SCENARIOS.filter(
  (scenario): scenario is ResponseScenario => scenario.kind === "response",
);

const DEMO: Record<PresetId, DemoAccount> = {
  talkstack: TALKSTACK_DEMO.documented,
  seamless: SEAMLESS_DEMO.documented,
};

/** The demo account of a scenario's API (every scenario here is a built-in one). */
function demoOf(scenario: ResponseScenario): DemoAccount {
  return DEMO[scenario.variant as PresetId];
}

const credentials = (account: DemoAccount) => ({
  identity: account.email,
  secret: account.password,
});

/** A request the data alone would answer differently, so forcing is what picks the scenario. */
function unrelatedRequest(scenario: ResponseScenario) {
  const { email, password } = demoOf(scenario);
  return scenario.name === "success"
    ? jsonRequest({})
    : jsonRequest({ email, password, recaptchaVal: "token" });
}

async function expectServes(scenario: ResponseScenario, response: ReceivedResponse) {
  expect(response.status).toBe(scenario.status);
  // The media type the spec documents it under (problem+json for the 413).
  expect(response.headers.get("content-type")?.split(";")[0]).toBe(scenario.example.mediaType);
  expect(response.headers.get("x-mock-scenario")).toBe(scenario.name);
  const verdict = (await responseValidator(scenario.variant))(response.status, response.json);
  expect(verdict.errors).toEqual([]);
  expect(verdict.valid).toBe(true);
  if (verdict.branches.length > 0) expect(verdict.branches).toEqual([scenario.name]);
  if (scenario.name !== "success") expect(response.json).toEqual(scenario.example.value);
  const setsCookie = response.headers.get("set-cookie") !== null;
  expect(setsCookie).toBe(scenario.variant === "seamless" && scenario.name === "success");
}

describe.each(responseScenarios.map((s) => [`${s.variant} ${s.status} ${s.name}`, s] as const))(
  "scenario %s",
  (_label, scenario) => {
    it("is served when Prefer names its code and example", async () => {
      const prefer = `code=${scenario.status}, example=${scenario.name}`;
      await expectServes(
        scenario,
        await postLogin(scenario.variant, unrelatedRequest(scenario), { prefer }),
      );
    });

    it("is served when X-Mock-Scenario names it", async () => {
      const headers = { "x-mock-scenario": scenario.name };
      await expectServes(
        scenario,
        await postLogin(scenario.variant, unrelatedRequest(scenario), headers),
      );
    });

    it("is served to every request after server.use(forceScenario(...))", async () => {
      server.use(...forceScenarioWith(mock, scenario.variant, scenario.name));
      await expectServes(scenario, await postLogin(scenario.variant, unrelatedRequest(scenario)));
      await expectServes(scenario, await postLogin(scenario.variant, unrelatedRequest(scenario)));
    });

    it("is served when the control API's sticky scenario names it", async () => {
      mock.setScenario(scenario.variant, scenario.name);
      await expectServes(scenario, await postLogin(scenario.variant, unrelatedRequest(scenario)));
    });

    // The body limit is the HTTP server's (MSW reads any body): the contract suite covers it.
    // A lockout takes several wrong secrets in a row: test/login-lockout.test.ts.
    const dataWords = scenario.example.provokedBy.filter(
      (word) =>
        !["server-fault", "challenge-rejected", "oversized-body", "locked-out"].includes(word),
    );
    it.each(dataWords)("is reached with data alone: %s", async (word) => {
      const request = buildProvocation(mock.api(scenario.variant), word, {
        valid: credentials(demoOf(scenario)),
        ...(scenario.variant === "talkstack"
          ? { answer: credentials(TALKSTACK_DEMO.unverified) }
          : {}),
        unknownIdentity: UNKNOWN_EMAIL[scenario.variant as PresetId],
      });
      if (isUnreachable(request)) throw new Error(request.unreachable);
      await expectServes(scenario, await postLogin(scenario.variant, request));
    });
  },
);

describe("forcing precedence", () => {
  it("lets Prefer win over X-Mock-Scenario, and X-Mock-Scenario over forceScenario", async () => {
    server.use(...forceScenarioWith(mock, "seamless", "server-error"));
    const request = jsonRequest({});
    expect((await postLogin("seamless", request)).status).toBe(500);
    const byHeader = await postLogin("seamless", request, {
      "x-mock-scenario": "recaptcha-failed",
    });
    expect(byHeader.headers.get("x-mock-scenario")).toBe("recaptcha-failed");
    const byPrefer = await postLogin("seamless", request, {
      "x-mock-scenario": "recaptcha-failed",
      prefer: "code=401, example=invalid-credentials",
    });
    expect(byPrefer.headers.get("x-mock-scenario")).toBe("invalid-credentials");
  });

  it("lets forceScenario win over the sticky scenario", async () => {
    mock.setScenario("talkstack", "user-not-found");
    server.use(...forceScenarioWith(mock, "talkstack", "login-failed"));
    expect((await postLogin("talkstack", jsonRequest({}))).status).toBe(500);
  });

  it("serves the first example of a status when Prefer gives only the code", async () => {
    const response = await postLogin("seamless", jsonRequest({}), { prefer: "code=401" });
    expect(response.headers.get("x-mock-scenario")).toBe("invalid-credentials");
  });
});

describe("unknown scenarios", () => {
  it("answers an unknown X-Mock-Scenario with problem+json listing the known names", async () => {
    const response = await postLogin("seamless", jsonRequest({}), { "x-mock-scenario": "nope" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.json).toMatchObject({
      type: "urn:login-mock:problem:unknown-scenario",
      detail: expect.stringContaining('Unknown scenario "nope" for seamless. Known: success,'),
      knownScenarios: expect.arrayContaining(["recaptcha-failed", "network-error"]),
    });
  });

  it("says which API an X-Mock-Scenario sent to the wrong one belongs to", async () => {
    const response = await postLogin("talkstack", jsonRequest({}), {
      "x-mock-scenario": "recaptcha-failed",
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      otherVariants: ["seamless"],
      detail: expect.stringContaining(
        '"recaptcha-failed" is a scenario of seamless: send it to the seamless server.',
      ),
    });
  });

  it("answers a Prefer code the spec does not document with problem+json", async () => {
    const response = await postLogin("talkstack", jsonRequest({}), { prefer: "code=418" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.text).toContain("Documented codes: 200, 400, 401, 403, 404, 413, 429, 500");
  });

  it("answers a Prefer code that does not match the example with problem+json", async () => {
    const response = await postLogin("seamless", jsonRequest({}), {
      prefer: "code=500, example=recaptcha-failed",
    });
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses to force an unknown scenario from code, naming the known ones", () => {
    // The compiler refuses both names (test/scenario-types.test-d.ts); plain JS and casts reach
    // the run-time check.
    // @ts-expect-error a Seamless scenario, forced on TalkStack
    expect(() => forceScenarioWith(mock, "talkstack", "recaptcha-failed")).toThrow(
      /Unknown scenario "recaptcha-failed" for talkstack\. Known: success, credentials-missing/,
    );
    // @ts-expect-error no such scenario
    expect(() => mock.setScenario("seamless", "nope")).toThrow(/login-mock scenarios/);
  });
});
