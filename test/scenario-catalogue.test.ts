import { describe, expect, it } from "vitest";
import { scenariosOf } from "../mocks/core/catalogue/scenario-catalogue.ts";
import { FAULTS } from "../mocks/core/pipeline/faults.ts";
import { listResponseExamples } from "../openapi/examples.ts";
import { loadDocument } from "../openapi/load.ts";
import { VARIANTS } from "../presets/ids.ts";

describe.each(VARIANTS)("the %s scenario catalogue", (variant) => {
  it("has a scenario for every response example in the spec, and no other", async () => {
    const examples = listResponseExamples(await loadDocument(variant)).map(
      (e) => `${e.status} ${e.name}`,
    );
    const scenarios = scenariosOf(variant)
      .filter((scenario) => scenario.kind === "response")
      .map((scenario) => `${scenario.status} ${scenario.name}`);
    expect(scenarios).toEqual(examples);
  });

  it("has every network fault, none of them sharing a name with an example", () => {
    const faults = scenariosOf(variant).filter((scenario) => scenario.kind === "fault");
    expect(faults.map((fault) => fault.name)).toEqual(FAULTS.map((fault) => fault.name));
    const names = scenariosOf(variant).map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives recipes only for provocations the spec declares, in the spec's own words where it has them", async () => {
    const declared: Record<string, string> =
      (await loadDocument(variant)).info["x-provocations"] ?? {};
    // Words whose recipe the mock writes from the spec's accounts and outcomes (data-recipes.ts).
    const fromAccounts = [
      "valid-login",
      "unknown-account",
      "wrong-secret",
      "account-answer",
      "challenge-rejected",
      "locked-out",
      "server-fault",
      "oversized-body",
    ];
    let checked = 0;
    for (const scenario of scenariosOf(variant)) {
      if (scenario.kind !== "response") continue;
      const words = scenario.example.provokedBy;
      expect(scenario.howToReach, scenario.name).toHaveLength(words.length);
      for (const [index, word] of words.entries()) {
        expect(Object.keys(declared), `${scenario.name}: ${word}`).toContain(word);
        const recipe = scenario.howToReach[index] ?? "";
        if (fromAccounts.includes(word)) {
          expect(recipe, word).toMatch(/\w{3,}/);
          expect(recipe, word).not.toBe(word);
        } else {
          expect(recipe, word).toBe(declared[word]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("tells QA to force the responses the MSW handlers cannot produce from data", () => {
    // No request makes a healthy server fail, and MSW has no body limit for the 413.
    const forceOnly = scenariosOf(variant).filter((s) => s.status === 500 || s.status === 413);
    expect(forceOnly.map((s) => s.status).sort()).toEqual([413, 500]);
    for (const scenario of forceOnly) {
      expect(scenario.howToReach.join(" "), scenario.name).toMatch(
        /force it \(Prefer or X-Mock-Scenario\)/,
      );
    }
  });

  it("says how to reach every scenario", () => {
    for (const scenario of scenariosOf(variant)) {
      expect(scenario.howToReach.length, scenario.name).toBeGreaterThan(0);
    }
  });
});
