import { describe, expect, it } from "vitest";
import { writePointer, writePointers, writeTokens } from "../openapi/json-pointer.ts";

describe("writing through an array of a success example", () => {
  const template = { tokens: [{ v: "a" }, { v: "b" }], kept: { n: 1 } };

  it("writePointer keeps an array an array, and copies it", () => {
    const written = writePointer(template, "/tokens/0/v", "jwt") as typeof template;
    expect(Array.isArray(written.tokens)).toBe(true);
    expect(written.tokens).toEqual([{ v: "jwt" }, { v: "b" }]);
    expect(template.tokens).toEqual([{ v: "a" }, { v: "b" }]);
    expect(written.tokens[1]).toBe(template.tokens[1]);
  });

  it("writePointers and writeTokens keep an array an array, copied once for several writes", () => {
    const written = writePointers(template, [
      ["/tokens/0/v", "jwt"],
      ["/tokens/1/v", "refresh"],
    ]) as typeof template;
    expect(Array.isArray(written.tokens)).toBe(true);
    expect(written.tokens).toEqual([{ v: "jwt" }, { v: "refresh" }]);
    expect(template.tokens).toEqual([{ v: "a" }, { v: "b" }]);
    const rows = writeTokens([[1], [2]], [[["1", "0"], 9]]);
    expect(rows).toEqual([[1], [9]]);
  });

  it("writes `__proto__` as an own key, never as the prototype", () => {
    const written = writePointer({}, "/__proto__/polluted", true) as Record<string, unknown>;
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(Object.hasOwn(written, "__proto__")).toBe(true);
    const many = writePointers({}, [["/__proto__/x", 1]]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(many)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
