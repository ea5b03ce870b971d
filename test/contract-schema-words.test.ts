/**
 * The response-schema check says what is wrong with a body in words (issue 22, item 4): the
 * property by its path in the body, extra and missing properties named and grouped, Ajv's own
 * phrases ("must NOT be valid", "property name must be valid") never, and of a body that fits
 * none of a status's documented shapes, only the nearest shape's differences.
 */
import { describe, expect, it } from "vitest";
import { responseValidator } from "./support/spec-validators.ts";

const errors = async (variant: "talkstack" | "seamless", status: number, body: unknown) =>
  (await responseValidator(variant))(status, body).errors;

describe("response-schema violations, in words", () => {
  it("name the extra and missing properties, once per object", async () => {
    expect(await errors("seamless", 200, { ok: true, token: "x", user: {} })).toEqual([
      "the body is missing `status`, `data` and `message` (required)",
      "the body has `ok`, `token` and `user`, which the spec does not allow there",
    ]);
  });

  it("describe only the nearest of several documented shapes, by its title", async () => {
    expect(await errors("seamless", 401, { ok: true, token: "x", user: {} })).toEqual([
      "the body fits none of the documented shapes (invalid-credentials, recaptcha-failed); compared with the nearest, invalid-credentials:",
      "the body is missing `status`, `data` and `message` (required)",
      "the body has `ok`, `token` and `user`, which the spec does not allow there",
    ]);
    expect(
      await errors("seamless", 401, { status: "failed", data: { x: 1 }, message: "m" }),
    ).toEqual([
      "the body fits none of the documented shapes (invalid-credentials, recaptcha-failed); compared with the nearest, invalid-credentials:",
      "`data` has properties; the spec documents an empty object",
    ]);
  });

  it("say a forbidden property name, a wrong type, an empty string and a bad format plainly", async () => {
    const found = await errors("seamless", 200, {
      status: "success",
      message: "Logged in",
      data: { token: "abc", _id: 5, name: "", email: "nope", allowedRoutes: "/home" },
    });
    expect(found).toContain("`data` has a property named `token`, a name the spec forbids there");
    expect(found).toContain("`data._id` is an integer; the spec says string");
    expect(found).toContain("`data.name` is empty");
    expect(found).toContain("`data.email` is not an email address");
    expect(found).toContain("`data.allowedRoutes` is a string; the spec says array");
    expect(found.join("\n")).not.toMatch(/must NOT be valid|property name must be valid|\(root\)/);
  });

  it("give a const, an enum and a date-time by what the spec allows, never the value sent", async () => {
    const found = await errors("talkstack", 404, {
      status: "error",
      message: "No user",
      loginStatus: "3",
    });
    expect(found).toEqual([
      "`loginStatus` is a string; the spec says integer",
      "`loginStatus` is not one of the values the spec allows: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9",
      "`loginStatus` is not 3, the only value the spec allows",
    ]);
    const success = await errors("talkstack", 200, {
      status: "success",
      message: "Logged in",
      token: "a.b.c",
      refreshToken: "secret-refresh",
      expirationTime: "tomorrow-ish",
      loginStatus: 7,
      user: {
        email: "a@b.co",
        name: "n",
        active_project: null,
        created_at: "2025-03-05T11:04:49.875Z",
        updated_at: "2025-03-05T11:06:02.837Z",
        company_name: null,
      },
    });
    expect(success).toContain(
      "`expirationTime` is not a date-time (RFC 3339, e.g. 2025-03-05T11:04:49Z)",
    );
    expect(success.join("\n")).not.toMatch(/secret-refresh|tomorrow-ish/);
  });
});
