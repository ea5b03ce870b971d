import { describe, expect, it } from "vitest";
import type { Variant } from "../openapi/documents.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { jsonRequest, postLogin, useMswLoginMock } from "./support/msw-login-mock.ts";
import { responseValidator } from "./support/spec-validators.ts";

const { mock } = useMswLoginMock();

/** Input a real client could send by mistake or on purpose, and the example it must get. */
const CASES: {
  variant: Variant;
  what: string;
  request: { contentType: string; body: string };
  example: string;
}[] = [
  {
    variant: "talkstack",
    what: "malformed JSON",
    request: { contentType: "application/json", body: '{"email": ' },
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "a text/plain body",
    request: { contentType: "text/plain", body: "email=a@b.co" },
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "a form-encoded body",
    request: {
      contentType: "application/x-www-form-urlencoded",
      body: "email=a%40b.co&password=x",
    },
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "an empty body",
    request: { contentType: "application/json", body: "" },
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "a JSON array",
    request: jsonRequest([TALKSTACK_DEMO.documented]),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "JSON null",
    request: jsonRequest(null),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "a numeric password",
    request: jsonRequest({ email: "a@b.co", password: 123 }),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "an object as email",
    request: jsonRequest({ email: { $ne: "" }, password: "x" }),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "an empty email",
    request: jsonRequest({ email: "", password: "x" }),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "a malformed email and no password (CREDENTIALS_MISSING wins)",
    request: jsonRequest({ email: "not-an-email" }),
    example: "credentials-missing",
  },
  {
    variant: "talkstack",
    what: "an email with doubled dots",
    request: jsonRequest({ email: "a..b@host.com", password: "x" }),
    example: "invalid-email",
  },
  {
    variant: "talkstack",
    what: "the right credentials with spaces around the email",
    request: jsonRequest({
      ...TALKSTACK_DEMO.documented,
      email: ` ${TALKSTACK_DEMO.documented.email} `,
    }),
    example: "invalid-email",
  },
  {
    variant: "talkstack",
    what: "an address with a dotless domain",
    request: jsonRequest({ email: "0@io", password: "x" }),
    example: "user-not-found",
  },
  {
    variant: "talkstack",
    what: "a whitespace password",
    request: jsonRequest({ email: TALKSTACK_DEMO.documented.email, password: "  " }),
    example: "invalid-password",
  },
  {
    variant: "talkstack",
    what: "an email with different case",
    request: jsonRequest({ ...TALKSTACK_DEMO.documented, email: "Example@HOST.com" }),
    example: "success",
  },
  {
    variant: "talkstack",
    what: "a blank email",
    request: jsonRequest({ email: "   ", password: "x" }),
    example: "invalid-email",
  },
  {
    variant: "talkstack",
    what: "prototype-pollution keys",
    request: {
      contentType: "application/json",
      body: '{"__proto__": {"email": "example@host.com", "password": "XXXXXXXXXX"}, "constructor": {"prototype": {"polluted": true}}}',
    },
    example: "credentials-missing",
  },
  {
    variant: "seamless",
    what: "malformed JSON",
    request: { contentType: "application/json", body: "{bad json" },
    example: "missing-fields",
  },
  {
    variant: "seamless",
    what: "a text/plain body",
    request: {
      contentType: "text/plain",
      body: JSON.stringify({ ...SEAMLESS_DEMO.documented, recaptchaVal: "x" }),
    },
    example: "missing-fields",
  },
  {
    variant: "seamless",
    what: "a boolean recaptchaVal",
    request: jsonRequest({ ...SEAMLESS_DEMO.documented, recaptchaVal: true }),
    example: "missing-fields",
  },
  {
    variant: "seamless",
    what: "a whitespace password",
    request: jsonRequest({ email: "user@example.com", password: "  ", recaptchaVal: "x" }),
    example: "invalid-credentials",
  },
  {
    variant: "seamless",
    what: "a whitespace recaptchaVal (reCAPTCHA mode accept)",
    request: jsonRequest({ ...SEAMLESS_DEMO.documented, recaptchaVal: " \t " }),
    example: "success",
  },
  {
    variant: "seamless",
    what: "the right credentials with spaces around the email",
    request: jsonRequest({
      ...SEAMLESS_DEMO.documented,
      email: ` ${SEAMLESS_DEMO.documented.email} `,
      recaptchaVal: "x",
    }),
    example: "missing-fields",
  },
  {
    variant: "seamless",
    what: "an address with a dotless domain",
    request: jsonRequest({ email: "0@io", password: "x", recaptchaVal: "x" }),
    example: "invalid-credentials",
  },
  {
    variant: "seamless",
    what: "an email with different case",
    request: jsonRequest({
      ...SEAMLESS_DEMO.documented,
      email: "USER@Example.com",
      recaptchaVal: "x",
    }),
    example: "success",
  },
  {
    variant: "seamless",
    what: "an email that is not an address",
    request: jsonRequest({ email: "nope", password: "x", recaptchaVal: "x" }),
    example: "missing-fields",
  },
  {
    variant: "seamless",
    what: "a 1 MB password",
    request: jsonRequest({
      email: "user@example.com",
      password: "x".repeat(1_000_000),
      recaptchaVal: "x",
    }),
    example: "invalid-credentials",
  },
  {
    variant: "seamless",
    what: "deeply nested JSON",
    request: { contentType: "application/json", body: `${"[".repeat(5000)}${"]".repeat(5000)}` },
    example: "missing-fields",
  },
];

describe.each(CASES)("$variant given $what", ({ variant, request, example }) => {
  it(`answers with the documented ${example} response`, async () => {
    const response = await postLogin(variant, request);
    expect(response.headers.get("x-mock-scenario")).toBe(example);
    const verdict = (await responseValidator(variant))(response.status, response.json);
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);
  });
});

describe("secrets", () => {
  it("never echoes a submitted password in any response", async () => {
    const password = "Sup3r-Secret-Pa55word";
    const attempts: [Variant, Record<string, unknown>][] = [
      ["talkstack", { email: TALKSTACK_DEMO.documented.email, password }],
      ["talkstack", { email: "nobody@talkstack.test", password }],
      ["talkstack", { email: "not-an-email", password }],
      ["seamless", { email: SEAMLESS_DEMO.documented.email, password, recaptchaVal: "x" }],
      ["seamless", { email: SEAMLESS_DEMO.documented.email, password }],
    ];
    for (const [variant, body] of attempts) {
      const response = await postLogin(variant, jsonRequest(body));
      expect(response.text).not.toContain(password);
      expect([...response.headers.values()].join("\n")).not.toContain(password);
    }
  });

  it("does not return the stored password of a user who logs in", async () => {
    const response = await postLogin("talkstack", jsonRequest(TALKSTACK_DEMO.documented));
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(TALKSTACK_DEMO.documented.password);
    expect(response.text).not.toMatch(/"password"/);
  });

  it("keeps the store intact after hostile input", async () => {
    const before = mock.store.snapshot();
    for (const { variant, request } of CASES.filter((c) => c.example !== "success")) {
      await postLogin(variant, request);
    }
    expect(mock.store.snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
