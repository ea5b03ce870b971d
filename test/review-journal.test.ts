/**
 * Review findings on what a session keeps and seeds: the journal keeps only the schema faults
 * its field reports read (a body of thousands of unknown keys under `additionalProperties:
 * false` no longer costs an entry thousands of Ajv errors), records the spec path or alias a
 * request came in on, and a profile's numeric id is the accounts' subject.
 */
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { MAX_JOURNAL_FAULTS, type Recorded } from "../mocks/core/sessions/request-journal.ts";
import { createHandlers } from "../mocks/msw/handlers.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { type RunningServers, startServers } from "../server/start-servers.ts";
import { freshSpec } from "./support/fresh-spec.ts";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Spec = Record<string, any>;

/** The fresh spec's login operation, to edit. */
const operationOf = (spec: Spec) => spec.paths["/api/v2/sessions"].put;

const json = (body: unknown) => ({
  contentType: "application/json",
  bodyText: JSON.stringify(body),
  prefer: null,
  scenario: null,
});

describe("the journal of an invalid body", () => {
  const spec: Spec = freshSpec();
  operationOf(spec).requestBody.content["application/json"].schema.additionalProperties = false;
  const api = loginApiFromDocument(spec, "closed.yaml");

  it("keeps only the faults its field reports read, however many keys the body has", async () => {
    const mock = createLoginMock({ apis: [api] });
    const journal = mock.session().journal;
    const recorded: Recorded[] = [];
    const record = journal.record.bind(journal);
    journal.record = (entry) => {
      recorded.push(entry);
      record(entry);
    };
    const body: Record<string, unknown> = { handle: 5 };
    for (let index = 0; index < 13_000; index++) body[`k${index}`] = 1;
    const reply = await mock.handle("fresh", json(body));
    expect(reply.kind === "response" && reply.status).toBe(422);
    // Ajv reports all 13,000 unknown keys; the entry keeps the two faults that decide a field.
    const faults = recorded[0]?.faults ?? [];
    expect(faults.length).toBeLessThanOrEqual(MAX_JOURNAL_FAULTS);
    expect(faults.map((fault) => [fault.keyword, fault.instancePath])).toEqual([
      ["required", ""],
      ["type", "/handle"],
    ]);
    expect(journal.entries()[0]?.fields).toEqual({
      handle: { present: true, wellFormed: false },
      passphrase: { present: false, wellFormed: false },
    });
  });

  it("reads a nested object's missing property as that field malformed, not as a field missing", async () => {
    const nested: Spec = freshSpec();
    const schema = operationOf(nested).requestBody.content["application/json"].schema;
    schema.properties.device = {
      type: "object",
      required: ["passphrase"],
      properties: { passphrase: { type: "string" } },
    };
    const mock = createLoginMock({ apis: [loginApiFromDocument(nested, "nested.yaml")] });
    await mock.handle("fresh", json({ handle: "quill", passphrase: "ink-and-paper", device: {} }));
    expect(mock.session().journal.entries()[0]?.fields).toEqual({
      handle: { present: true, wellFormed: true },
      passphrase: { present: true, wellFormed: true },
      device: { present: true, wellFormed: false },
    });
  });
});

describe("the journal's path", () => {
  const spec: Spec = freshSpec();
  operationOf(spec)["x-login-mock"].aliases = ["/api/v2/login", "/t/{tenant}/sessions"];
  const api = loginApiFromDocument(spec, "aliases.yaml");
  const login = { handle: "quill", passphrase: "ink-and-paper" };

  let running: RunningServers;
  const mock = createLoginMock({ apis: [api] });
  beforeAll(async () => {
    running = await startServers({ mock, port: 0, log: () => {} });
  });
  afterAll(() => running.close(0));

  it("is the spec path or alias the server matched, a template as the spec writes it", async () => {
    mock.reset();
    for (const path of ["/api/v2/sessions", "/api/v2/login", "/t/acme/sessions"]) {
      const response = await fetch(`${running.urls.fresh}${path}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(login),
      });
      expect(response.status).toBe(201);
    }
    expect(
      mock
        .session()
        .journal.entries()
        .map((entry) => entry.path),
    ).toEqual(["/t/{tenant}/sessions", "/api/v2/login", "/api/v2/sessions"]);
  });

  it("is the alias an msw handler matched", async () => {
    const own = createLoginMock({ apis: [api] });
    const handlers = createHandlers(own);
    const response = await getResponse(
      handlers,
      new Request("http://127.0.0.1:4999/api/v2/login", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(login),
      }),
    );
    expect(response?.status).toBe(201);
    expect(own.session().journal.entries()[0]?.path).toBe("/api/v2/login");
  });

  it("is the operation's path when the caller names a path the spec does not", async () => {
    const own = createLoginMock({ apis: [api] });
    await own.handle("fresh", { ...json(login), path: "/anything/else" });
    expect(own.session().journal.entries()[0]?.path).toBe("/api/v2/sessions");
  });
});

describe("a profile's numeric subject", () => {
  it("is the accounts' subject, as a string, and the token's sub", async () => {
    const spec: Spec = freshSpec();
    const operation = operationOf(spec);
    const success = operation.responses["201"].content["application/json"];
    success.schema.properties.result.properties.member.properties.memberId = { type: "integer" };
    success.examples.opened.value.result.member.memberId = 1;
    operation["x-login-mock"].accounts[0].profile = { memberId: 7 };
    operation["x-login-mock"].accounts[1].profile = { memberId: 8 };
    const api = loginApiFromDocument(spec, "numeric.yaml");
    const mock = createLoginMock({ apis: [api] });
    expect(mock.store.find(api, "quill")?.subject).toBe("7");
    const reply = await mock.handle(
      "fresh",
      json({ handle: "quill", passphrase: "ink-and-paper" }),
    );
    if (reply.kind !== "response") throw new Error("no response");
    const token = (JSON.parse(reply.body) as { result: { auth: { bearer: string } } }).result.auth
      .bearer;
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString());
    expect(claims.sub).toBe("7");
  });
});
