/**
 * The contract harness on specs shaped unlike the presets, one finding of a review each: a
 * required field that is an object with required keys of its own, a templated login path, a
 * path that reads like a URL scheme, `--require-all` where no flag reaches a response, required
 * fields that are not strings in the generated invalid bodies, `--variant` given a spec file,
 * and a header token printed without its `Bearer ` prefix. Each spec is `freshSpec()` with one
 * thing changed, run against the mock serving it where a run tells.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContractOptions, readContractSpecs } from "../cli/contract.ts";
import { UsageError } from "../cli/flags.ts";
import { type ContractReport, rememberSecrets, runContract } from "../contracts/contract-run.ts";
import { operationUrl } from "../contracts/http-target.ts";
import { sampleNegativeBodies } from "../contracts/negative-bodies.ts";
import { baseFields, buildBaseBody } from "../contracts/provocations.ts";
import { createRedactor } from "../contracts/redact.ts";
import type { SpecFacts } from "../contracts/spec-facts.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { startServers } from "../server/start-servers.ts";
import { ownServerOptions } from "./support/contract-options.ts";
import { freshSpec } from "./support/fresh-spec.ts";
import { runCliAsync } from "./support/spawn-cli.ts";

type Json = Record<string, unknown>;
const FRESH_PATH = "/api/v2/sessions";

/** `freshSpec()` changed by `edit` (its login operation, its path item, the document). */
function specWith(edit: (operation: Json, item: Json, document: Json) => void): Json {
  const document = freshSpec();
  const paths = document.paths as Record<string, Json>;
  const item = paths[FRESH_PATH] as Json;
  edit(item.put as Json, item, document);
  return document;
}

/** The login's request schema (JSON). */
const requestSchema = (operation: Json) =>
  (((operation.requestBody as Json).content as Json)["application/json"] as Json).schema as Json;

/** Moves the login to `path` (its path item with it). */
function movePath(document: Json, path: string): void {
  const paths = document.paths as Record<string, Json>;
  paths[path] = paths[FRESH_PATH] as Json;
  delete paths[FRESH_PATH];
}

async function runAgainstMock(
  api: LoginApi,
  overrides: Parameters<typeof ownServerOptions>[2] = {},
): Promise<ContractReport> {
  const running = await startServers({
    mock: createLoginMock({ apis: [api] }),
    port: 0,
    log: () => {},
  });
  try {
    return await runContract(
      ownServerOptions(api, running.urls[api.id] ?? "", {
        drive: "data",
        fuzzRuns: 20,
        ...overrides,
      }),
    );
  } finally {
    await running.close(100);
  }
}

const rows = (report: ContractReport) =>
  Object.fromEntries(report.coverage.map((row) => [row.example, [row.outcome, row.detail]]));

describe("1. the base body fills every required field with a value its schema accepts", () => {
  /** A required `device` object whose `id` has a pattern, and a required non-empty array. */
  const withDevice = (extra: (operation: Json) => void = () => {}) =>
    specWith((operation) => {
      const schema = requestSchema(operation);
      schema.required = ["handle", "passphrase", "device", "scopes"];
      schema.properties = {
        ...(schema.properties as Json),
        device: {
          type: "object",
          required: ["id"],
          properties: { id: { type: "string", pattern: "^d-[0-9]+$" }, label: { type: "string" } },
        },
        scopes: { type: "array", minItems: 1, items: { type: "string", enum: ["read", "write"] } },
      };
      extra(operation);
    });
  const exampled = loginApiFromDocument(
    withDevice((operation) => {
      const media = ((operation.requestBody as Json).content as Json)["application/json"] as Json;
      media.example = {
        handle: "quill",
        passphrase: "ink-and-paper",
        device: { id: "d-42" },
        scopes: ["read"],
      };
    }),
    "device-example.json",
  );
  const schemaExampled = loginApiFromDocument(
    withDevice((operation) => {
      const device = (requestSchema(operation).properties as Json).device as Json;
      ((device.properties as Json).id as Json).example = "d-7";
    }),
    "device-schema-example.json",
  );
  const bare = loginApiFromDocument(withDevice(), "device-bare.json");
  const nobody = { unknownIdentity: "nobody-here" };

  it("takes the request's own example, else the field schema's, recursing into objects and arrays", () => {
    const fromExample = baseFields(exampled, nobody);
    expect(fromExample).toMatchObject({ device: { id: "d-42" }, scopes: ["read"] });
    // The secret stays the placeholder: it logs nobody in.
    expect(fromExample.passphrase).not.toBe("ink-and-paper");
    expect(exampled.request.validate(fromExample)).toBe(true);
    const fromSchema = baseFields(schemaExampled, nobody);
    expect(fromSchema).toMatchObject({ device: { id: "d-7" }, scopes: ["read"] });
    expect(schemaExampled.request.validate(fromSchema)).toBe(true);
  });

  it("says which field it cannot fill, and what to give, when nothing in the spec fits", () => {
    expect(buildBaseBody(bare, nobody).problem).toBe(
      "cannot build a valid body for `device`: give the request an example (requestBody.content's `example` or `examples`)",
    );
    expect(buildBaseBody(exampled, nobody).problem).toBeUndefined();
  });

  it("holds against the mock serving it: the example's device logs in", async () => {
    const report = await runAgainstMock(exampled);
    expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(rows(report).opened?.[0]).toBe("passed");
    expect(report.ok).toBe(true);
  }, 30_000);

  it("reports the answers that need a valid body unreachable, once with the reason, not failed", async () => {
    const report = await runAgainstMock(bare);
    expect(report.results.filter((r) => r.outcome === "failed")).toEqual([]);
    const reason = buildBaseBody(bare, nobody).problem;
    expect(rows(report).opened).toEqual(["unreachable", reason]);
    expect(rows(report).refused).toEqual(["unreachable", reason]);
    // The invalid-input cases still ran and passed.
    expect(rows(report).unreadable?.[0]).toBe("passed");
    expect(report.ok).toBe(true);
  }, 30_000);
});

describe("2. the login's URL: the path joined as text, its {parameters} filled", () => {
  it("keeps the base URL's path prefix and query, and never reads the path as a scheme", () => {
    expect(operationUrl("https://x.test/api", "/accounts:signIn")).toBe(
      "https://x.test/api/accounts:signIn",
    );
    expect(operationUrl("https://x.test/api/", "/auth/login")).toBe(
      "https://x.test/api/auth/login",
    );
    expect(operationUrl("https://x.test", "/v1/accounts:signInWithPassword")).toBe(
      "https://x.test/v1/accounts:signInWithPassword",
    );
    expect(operationUrl("https://x.test/v1?key=k#top", "/accounts:signIn")).toBe(
      "https://x.test/v1/accounts:signIn?key=k",
    );
  });

  const TEMPLATE = "/t/{tenant}/login";
  /** The login at TEMPLATE, its parameter declared at the path's level with `parameter`. */
  const tenantSpec = (parameter: Json) =>
    specWith((_operation, item, document) => {
      item.parameters = [{ name: "tenant", in: "path", required: true, ...parameter }];
      movePath(document, TEMPLATE);
    });
  const exampled = loginApiFromDocument(
    tenantSpec({ schema: { type: "string", example: "acme" } }),
    "tenant.json",
  );

  describe("against a server that records the paths it is sent", () => {
    const paths: string[] = [];
    let server: Server;
    let url = "";
    beforeAll(async () => {
      server = createServer((request, response) => {
        paths.push(request.url ?? "");
        request.resume();
        response
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ code: "refused" }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fills {tenant} from the spec's example, or from the value given", async () => {
      await runContract(ownServerOptions(exampled, `${url}/api`, { drive: "data", fuzzRuns: 2 }));
      expect(new Set(paths)).toEqual(new Set(["/api/t/acme/login"]));
      paths.length = 0;
      await runContract(
        ownServerOptions(exampled, url, {
          drive: "data",
          fuzzRuns: 0,
          pathParams: { tenant: "other co" },
        }),
      );
      expect(new Set(paths)).toEqual(new Set(["/t/other%20co/login"]));
    }, 30_000);
  });

  it("holds against the mock serving the templated path", async () => {
    const report = await runAgainstMock(exampled);
    expect(report.operation).toBe(`PUT ${TEMPLATE}`);
    expect(report.results.filter((r) => r.outcome !== "passed" && r.outcome !== "skipped")).toEqual(
      [],
    );
    expect(report.ok).toBe(true);
  }, 30_000);

  describe("--path-param", () => {
    const dir = mkdtempSync(join(tmpdir(), "contract-review-"));
    const write = (name: string, spec: Json) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(spec));
      return file;
    };
    const bareFile = write("tenant-bare.json", tenantSpec({ schema: { type: "string" } }));
    const enumFile = write(
      "tenant-enum.json",
      specWith((operation, _item, document) => {
        operation.parameters = [
          { name: "tenant", in: "path", required: true, schema: { enum: ["north", "south"] } },
          { name: "region", in: "path", required: true, schema: { default: "eu" } },
        ];
        movePath(document, "/{region}/t/{tenant}/login");
      }),
    );
    const parse = async (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      parseContractOptions(argv, env, await readContractSpecs(argv, env)).options;
    const base = ["--base-url", "http://127.0.0.1:9"];

    it("is required for a parameter the spec gives no value, named with the flag", async () => {
      await expect(parse([bareFile, ...base])).rejects.toThrow(
        new UsageError(
          "[login-mock] contract: the login's path /t/{tenant}/login has the parameter `tenant`, and the spec gives no example, default or enum for it. Give its value: --path-param tenant=VALUE (or CONTRACT_PATH_PARAM=tenant=VALUE).",
        ),
      );
      expect((await parse([bareFile, ...base, "--path-param", "tenant=acme"])).pathParams).toEqual({
        tenant: "acme",
      });
      expect(
        (await parse([bareFile, ...base], { CONTRACT_PATH_PARAM: "tenant=env-co" })).pathParams,
      ).toEqual({ tenant: "env-co" });
    });

    it("takes repeated flags and comma-separated pairs, and refuses a name the path lacks", async () => {
      const repeated = await parse([
        enumFile,
        ...base,
        "--path-param",
        "tenant=a",
        "--path-param=region=us",
      ]);
      expect(repeated.pathParams).toEqual({ tenant: "a", region: "us" });
      const listed = await parse([enumFile, ...base, "--path-param", "tenant=b,region=ap"]);
      expect(listed.pathParams).toEqual({ tenant: "b", region: "ap" });
      // The spec's enum and default fill what is not given.
      expect((await parse([enumFile, ...base])).pathParams).toEqual({});
      await expect(parse([enumFile, ...base, "--path-param", "tenantt=a"])).rejects.toThrow(
        '--path-param "tenantt=a" is not valid; accepted: a parameter of /{region}/t/{tenant}/login: region, tenant.',
      );
    });

    it("exits 2 from the command line", async () => {
      const { code, output } = await runCliAsync(["contract", bareFile, ...base], {});
      expect(code).toBe(2);
      expect(output.trim()).toContain("--path-param tenant=VALUE");
    }, 30_000);
  });
});

describe("3. --require-all fails only on what a flag could reach", () => {
  /** Two states of an account with answers of their own, a word of the spec's, an unprovoked 500. */
  const spec = specWith((operation, _item, document) => {
    (document.info as Json)["x-provocations"] = {
      "too-many-devices": "The account has signed in on more than five devices.",
    };
    const responses = operation.responses as Json;
    const error = { type: "object", required: ["code"], properties: { code: { type: "string" } } };
    const answer = (name: string, provokedBy: string[]) => ({
      [name]: { "x-provoked-by": provokedBy, value: { code: name } },
    });
    responses["403"] = {
      description: "The account cannot sign in now",
      content: {
        "application/json": {
          schema: error,
          examples: {
            ...answer("unverified", ["account-answer"]),
            ...answer("suspended", ["account-answer"]),
            ...answer("device-cap", ["too-many-devices"]),
          },
        },
      },
    };
    responses["500"] = {
      description: "Internal failure",
      content: {
        "application/json": { schema: error, examples: { broken: { value: { code: "broken" } } } },
      },
    };
    const block = operation["x-login-mock"] as Json;
    block.accounts = [
      ...(block.accounts as Json[]),
      { identity: "fresh-ink", secret: "not-yet-verified", answer: "unverified" },
      { identity: "banned", secret: "gone-for-good", answer: "suspended" },
    ];
  });
  const api = loginApiFromDocument(spec, "answers.json");

  it("accepts responses no flag reaches, each unreachable with its reason", async () => {
    const report = await runAgainstMock(api, { requireAll: true });
    const byName = rows(report);
    for (const name of ["unverified", "suspended"]) {
      expect(byName[name]?.[0], name).toBe("unreachable");
      expect(byName[name]?.[1]).toContain(
        "the spec documents several answers of an account (unverified, suspended)",
      );
    }
    expect(byName["device-cap"]).toEqual([
      "unreachable",
      '"too-many-devices" is this spec\'s own word (info.x-provocations: "The account has signed in on more than five devices."), not one login-mock can build a request for: only Prefer reaches it',
    ]);
    expect(byName.broken).toEqual([
      "unreachable",
      "the spec names no request that provokes it (x-provoked-by), and --drive data sends no Prefer",
    ]);
    expect(report.unexercised).toEqual([]);
    expect(report.ok).toBe(true);
  }, 30_000);

  it("fails on a response an account would reach, naming the flags", async () => {
    const report = await runAgainstMock(api, {
      requireAll: true,
      identity: undefined,
      secret: undefined,
    });
    expect(report.unexercised).toEqual(["201 opened: no credentials given (--identity, --secret)"]);
    expect(report.ok).toBe(false);
  }, 30_000);
});

describe("4. the generated invalid bodies", () => {
  /** Required fields besides the identity and secret, with `schema` for each. */
  const apiWith = (properties: Json) =>
    loginApiFromDocument(
      specWith((operation) => {
        const schema = requestSchema(operation);
        schema.required = ["handle", "passphrase", ...Object.keys(properties)];
        schema.properties = { ...(schema.properties as Json), ...properties };
      }),
      "typed-fields.json",
    );
  // A free string (empty is valid) and a string-or-integer (an integer is valid).
  const loose = apiWith({
    code: { anyOf: [{ type: "string" }, { type: "integer" }] },
    note: { type: "string" },
  });
  // The same with a required integer, which a string never fills.
  const typed = apiWith({
    age: { type: "integer", minimum: 18 },
    code: { anyOf: [{ type: "string" }, { type: "integer" }] },
    note: { type: "string" },
  });
  const samples = (api: LoginApi) => sampleNegativeBodies(api, 80, 20261123, "nobody-here");

  it("are each refused by the request schema, as many as asked", () => {
    for (const api of [loose, typed]) {
      const bodies = samples(api);
      expect(bodies).toHaveLength(80);
      for (const body of bodies) {
        let value: unknown;
        try {
          value = JSON.parse(body.body);
        } catch {
          continue;
        }
        expect(api.request.validate(value), `${body.flaw}: ${body.body}`).toBe(false);
      }
      expect(bodies.map((body) => body.flaw)).not.toContain("`note` is empty");
      expect(bodies.map((body) => body.flaw)).not.toContain("`code` is number");
    }
  });

  it("break one field and keep the base body's values in the others", () => {
    const bodies = samples(typed);
    const base = baseFields(typed, { unknownIdentity: "nobody-here" });
    expect(base).toMatchObject({ age: 18 });
    const fieldFlaws = bodies.filter((body) => /^(no )?`/.test(body.flaw));
    expect(fieldFlaws.length).toBeGreaterThan(20);
    for (const body of fieldFlaws) {
      const target = /`([^`]+)`/.exec(body.flaw)?.[1] ?? "";
      const fields = JSON.parse(body.body) as Json;
      for (const [name, value] of Object.entries(base))
        if (name !== target) expect(fields[name], `${body.flaw}: ${name}`).toEqual(value);
    }
  });
});

describe("5. --variant names a spec file as the argument does", () => {
  const base = ["--base-url", "http://127.0.0.1:9"];
  const parse = async (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    parseContractOptions(argv, env, await readContractSpecs(argv, env)).options;

  it("reads a spec file given by --variant or CONTRACT_VARIANT", async () => {
    expect((await parse(["--variant", "openapi/talkstack.yaml", ...base])).api.source).toBe(
      "openapi/talkstack.yaml",
    );
    const fromEnv = await parse(base, { CONTRACT_VARIANT: "openapi/talkstack.yaml" });
    expect(fromEnv.api.source).toBe("openapi/talkstack.yaml");
    // An argument outranks the environment's spec.
    const argument = await parse(["seamless", ...base], {
      CONTRACT_VARIANT: "openapi/talkstack.yaml",
    });
    expect(argument.api.id).toBe("seamless");
  });
});

describe("6. a token in a header", () => {
  it("is redacted with and without its Bearer prefix", () => {
    const redactor = createRedactor();
    const facts = {
      token: { placement: { in: "header", header: "authorization" }, refresh: undefined },
    } as unknown as SpecFacts;
    rememberSecrets(
      {
        request: { url: "http://x.test/login", headers: {}, body: "" },
        response: {
          status: 200,
          headers: new Map([["authorization", "Bearer opaque-session-7f3a"]]),
          setCookies: [],
          bodyText: "",
          json: undefined,
          ms: 1,
        },
      },
      redactor,
      facts,
    );
    expect(redactor.redact("token opaque-session-7f3a; header Bearer opaque-session-7f3a")).toBe(
      "token [redacted]; header [redacted]",
    );
  });
});
