import { base, en, Faker } from "@faker-js/faker";
import { describe, expect, it } from "vitest";
import { buildSeamlessUserConfig, buildTalkStackUser } from "../presets/fixtures/index.ts";
import { responseValidator } from "./support/spec-validators.ts";

// A seed and a fixed reference date: Faker's dates are relative to "now" otherwise.
const faker = () => {
  const seeded = new Faker({ locale: [en, base], seed: 5 });
  seeded.setDefaultRefDate(new Date("2025-01-01T00:00:00Z"));
  return seeded;
};

describe("fixture factories", () => {
  it("build TalkStack users that fit the spec's 200 body", async () => {
    const validate = await responseValidator("talkstack");
    const random = faker();
    for (let i = 0; i < 25; i++) {
      const body = {
        message: "successfully logged in.",
        status: "success",
        token: "a.b.c",
        refreshToken: "x".repeat(43),
        expirationTime: "2025-03-11T17:49:38.000Z",
        user: buildTalkStackUser(random),
        loginStatus: 7,
      };
      expect(validate(200, body).errors).toEqual([]);
    }
  });

  it("build Seamless user configs that fit the spec's 200 body", async () => {
    const validate = await responseValidator("seamless");
    const random = faker();
    for (let i = 0; i < 25; i++) {
      const body = { status: "success", data: buildSeamlessUserConfig(random), message: "ok" };
      expect(validate(200, body).errors).toEqual([]);
    }
  });

  it("give the same users for the same seed", () => {
    expect(buildSeamlessUserConfig(faker())).toEqual(buildSeamlessUserConfig(faker()));
  });

  it("apply overrides", () => {
    expect(buildTalkStackUser(faker(), { name: "Ada Lovelace" }).name).toBe("Ada Lovelace");
  });
});
