import { describe, expect, it } from "vitest";
import { parsePreferHeader } from "../mocks/core/prefer-header.ts";

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
