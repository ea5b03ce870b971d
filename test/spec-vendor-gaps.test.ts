import { beforeAll, describe, expect, it } from "vitest";
import type { JsonSchema, OpenApiDocument } from "../openapi/document.ts";
import { listResponseExamples, loginOperation } from "../openapi/examples.ts";
import { loadDereferencedDocument, loadDocument } from "../openapi/load.ts";
import { bodyTooLarge } from "../server/problems.ts";
import { DEFAULT_BODY_LIMIT } from "../server/read-body.ts";

// Each gap listed in ../shared/seeds/README.md must be decided visibly in the spec.
let talkstack: OpenApiDocument;
let seamless: OpenApiDocument;
let seamlessDereferenced: OpenApiDocument;

beforeAll(async () => {
  talkstack = await loadDocument("talkstack");
  seamless = await loadDocument("seamless");
  seamlessDereferenced = await loadDereferencedDocument("seamless");
});

function schema(document: OpenApiDocument, name: string): JsonSchema {
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}

function property(owner: JsonSchema, name: string): JsonSchema {
  return (owner.properties as Record<string, JsonSchema>)[name] as JsonSchema;
}

describe("TalkStack gaps", () => {
  it("marks the error body shape as inferred", () => {
    expect(schema(talkstack, "ErrorBody")["x-inferred"]).toMatch(/no error bodies/);
  });

  it('reads "401 Not Found" as 401 Unauthorized, and says so', () => {
    expect(loginOperation(talkstack).responses["401"]?.["x-inferred"]).toMatch(/401 Not Found/);
  });

  it("gives every loginStatus value an HTTP status or says a login never returns it", () => {
    const loginStatus = schema(talkstack, "LoginStatus");
    const names = loginStatus["x-enum-varnames"] as string[];
    const map = loginOperation(talkstack)["x-login-status-map"] ?? {};
    // A value may come with more than one status (LOGIN_FAILED: 500, and 429 when locked).
    const mapped = new Set(Object.values(map).flat());
    expect([...mapped].sort()).toEqual([...names].sort());
    expect(loginStatus["x-inferred"]).toMatch(/1, 2, 5, 6 and 9/);
  });

  it("serves, for each HTTP status, only the loginStatus values the map gives it", () => {
    const names = schema(talkstack, "LoginStatus")["x-enum-varnames"] as string[];
    const map = loginOperation(talkstack)["x-login-status-map"] ?? {};
    for (const example of listResponseExamples(talkstack)) {
      const value = (example.value as { loginStatus?: number }).loginStatus;
      // The 413 comes before the login handler runs, so it has no loginStatus and no map entry.
      if (example.status === 413) {
        expect([value, map["413"]]).toEqual([undefined, undefined]);
        continue;
      }
      expect(map[String(example.status)], example.name).toContain(names[value ?? -1]);
    }
  });

  it("pins expirationTime to an ISO 8601 date-time and says why", () => {
    const expirationTime = property(schema(talkstack, "LoginSuccess"), "expirationTime");
    expect(expirationTime.format).toBe("date-time");
    expect(expirationTime["x-inferred"]).toMatch(/ISO 8601/);
  });
});

describe("Seamless gaps", () => {
  it("takes the request fields from the code examples and says so", () => {
    const { requestBody } = loginOperation(seamless) as { requestBody?: Record<string, unknown> };
    expect(requestBody?.["x-inferred"]).toMatch(/Request Body/);
    expect(schema(seamless, "LoginRequest").required).toEqual([
      "email",
      "password",
      "recaptchaVal",
    ]);
  });

  it("serves /auth/login without the examples' double slash and says so", () => {
    expect(seamless.servers?.[0]?.url).not.toMatch(/\/$/);
    expect(seamless.servers?.[0]?.["x-inferred"]).toMatch(/\/\/auth/);
  });

  it("names the two 401 bodies apart", () => {
    const names = listResponseExamples(seamless)
      .filter((example) => example.status === 401)
      .map((example) => example.name);
    expect(names).toEqual(["invalid-credentials", "recaptcha-failed"]);
  });

  it("documents the token cookie with every attribute the vendor gives", () => {
    const header = loginOperation(seamless).responses["200"]?.headers?.["Set-Cookie"];
    expect(header?.required).toBe(true);
    expect(header?.["x-cookie"]).toEqual({
      name: "token",
      value: "jwt",
      httpOnly: true,
      secure: true,
      sameSite: "None",
      path: "/",
      maxAgeSeconds: 24 * 60 * 60,
    });
    expect(header?.example).toMatch(
      /^token=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=None$/,
    );
  });

  it("forbids the token in the success body", () => {
    const success = listResponseExamples(seamlessDereferenced).find((e) => e.name === "success");
    const data = property(success?.schema ?? {}, "data");
    expect(data.propertyNames).toEqual({ not: { enum: ["token", "password"] } });
    expect(success?.schema?.additionalProperties).toBe(false);
  });
});

describe("decisions beyond both documents", () => {
  const documents = () => ({ talkstack, seamless });

  it("lets the request schema alone decide what is invalid input, and says so", () => {
    for (const [variant, document] of Object.entries(documents())) {
      const request = schema(document, "LoginRequest");
      expect(request.description, variant).toMatch(/never trimmed/);
      const email = property(request, "email");
      expect([email.type, email.format, email.minLength], variant).toEqual(["string", "email", 1]);
      expect(email.description, variant).toMatch(/`0@io` is one/);
      expect(email["x-inferred"], variant).toMatch(/account lookup, not validation/);
      expect(property(request, "password")["x-inferred"], variant).toMatch(/blank password/);
    }
  });

  it("puts TalkStack's CREDENTIALS_MISSING before INVALID_EMAIL, and says so", () => {
    const examples = listResponseExamples(talkstack);
    const invalidEmail = examples.find((example) => example.name === "invalid-email");
    expect(invalidEmail?.provokedBy).toEqual(["malformed-email"]);
    expect(invalidEmail?.inferred).toMatch(/checked after CREDENTIALS_MISSING/);
    const missing = examples.find((example) => example.name === "credentials-missing");
    expect(missing?.provokedBy).toContain("wrong-type-email");
  });

  it("answers Seamless' malformed email with its 422, not as a wrong login", () => {
    const byName = new Map(listResponseExamples(seamless).map((e) => [e.name, e.provokedBy]));
    expect(byName.get("missing-fields")).toContain("malformed-email");
    expect(byName.get("invalid-credentials")).not.toContain("malformed-email");
  });

  it("documents the server's 413 as inferred, with its body limit and the body it sends", () => {
    const sent = bodyTooLarge(DEFAULT_BODY_LIMIT);
    if (sent.kind !== "response") throw new Error("bodyTooLarge is not a response");
    for (const [variant, document] of Object.entries(documents())) {
      const response = loginOperation(document).responses["413"];
      expect(response?.["x-inferred"], variant).toMatch(/express\.json\(\)/);
      expect(response?.["x-body-limit-bytes"], variant).toBe(DEFAULT_BODY_LIMIT);
      const [example] = listResponseExamples(document).filter((e) => e.status === 413);
      expect(example?.mediaType).toBe(sent.headers.find(([name]) => name === "content-type")?.[1]);
      expect(example?.value, variant).toEqual(JSON.parse(sent.body));
      expect(example?.provokedBy).toEqual(["oversized-body"]);
    }
  });
});
