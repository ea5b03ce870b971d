import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS } from "../mocks/core/pipeline/faults.ts";
import { parsePreferHeader } from "../mocks/core/pipeline/prefer-header.ts";

describe("parsePreferHeader", () => {
  it("reads Prism's code and example", () => {
    expect(parsePreferHeader("code=401, example=recaptcha-failed")).toEqual({
      code: 401,
      example: "recaptcha-failed",
    });
  });

  it("reads a delay in milliseconds", () => {
    expect(parsePreferHeader("delay=1500")).toEqual({ delayMs: 1500 });
  });

  it("clamps a delay above the cap to the cap, however long it is", () => {
    expect(parsePreferHeader("delay=960000")).toEqual({ delayMs: MAX_DELAY_MS });
    expect(parsePreferHeader(`delay=${"9".repeat(400)}`)).toEqual({ delayMs: MAX_DELAY_MS });
    expect(parsePreferHeader(`delay=${MAX_DELAY_MS}`)).toEqual({ delayMs: MAX_DELAY_MS });
  });

  it("accepts quoted values, semicolons and any case of the keys", () => {
    expect(parsePreferHeader('Code=422; Example="missing-fields"')).toEqual({
      code: 422,
      example: "missing-fields",
    });
  });

  it("ignores what it does not understand, as RFC 7240 asks", () => {
    expect(parsePreferHeader("return=minimal, code=abc, delay=-5, dynamic=true")).toEqual({});
    expect(parsePreferHeader(null)).toEqual({});
  });
});
