import { describe, expect, it } from "vitest";
import { readPointer, tokensOf, writePointer, writePointers } from "../openapi/json-pointer.ts";

describe("JSON pointers in a success body", () => {
  it("unescape ~1 and ~0 in that order (RFC 6901)", () => {
    expect(tokensOf("/a~1b/~01")).toEqual(["a/b", "~1"]);
    expect(readPointer({ "a/b": { "~1": 7 } }, "/a~1b/~01")).toBe(7);
  });

  it("read nothing through a missing key, a primitive or an inherited property", () => {
    expect(readPointer({ a: 1 }, "/a/b")).toBeUndefined();
    expect(readPointer({}, "/toString")).toBeUndefined();
    expect(readPointer({ a: null }, "/a/b")).toBeUndefined();
  });

  it("write a copy and leave the template untouched", () => {
    const template = { session: { token: "placeholder", user: { id: "u" } }, kept: [1] };
    const written = writePointer(template, "/session/token", "jwt") as typeof template;
    expect(written.session.token).toBe("jwt");
    expect(template.session.token).toBe("placeholder");
    expect(written.kept).toBe(template.kept);
  });

  it("write several values in one pass, copying each object on the way once", () => {
    const template = { a: { b: 1, c: 2 }, d: 3 };
    const written = writePointers(template, [
      ["/a/b", 10],
      ["/a/c", 20],
      ["/e/f", 30],
    ]) as Record<string, Record<string, number>>;
    expect(written).toEqual({ a: { b: 10, c: 20 }, d: 3, e: { f: 30 } });
    expect(template).toEqual({ a: { b: 1, c: 2 }, d: 3 });
  });

  it("copy an object written in whole before writing inside it", () => {
    const profile = { lastLogin: "then" };
    const written = writePointers({}, [
      ["/user", profile],
      ["/user/lastLogin", "now"],
    ]) as { user: { lastLogin: string } };
    expect(written.user.lastLogin).toBe("now");
    expect(profile.lastLogin).toBe("then");
  });
});
