/**
 * What the checks need to know about one variant, read once from its dereferenced spec: the
 * response examples, each status's schema and headers, the cookie contract, token lifetimes and
 * TalkStack's loginStatus ↔ HTTP status map. Checks never read the YAML themselves.
 */
import type { CookieContract, JsonSchema, OpenApiDocument } from "../openapi/document.ts";
import type { Variant } from "../openapi/documents.ts";
import { listResponseExamples, loginOperation, type ResponseExample } from "../openapi/examples.ts";
import { compileSchema, createSchemaValidator } from "../openapi/schema-validator.ts";
import { createResponseValidator, type ResponseValidator } from "./response-validator.ts";
import { describeSchemaErrors } from "./schema-words.ts";

export interface HeaderFacts {
  readonly name: string;
  readonly required: boolean;
  /** Why a value breaks the header's schema; empty when it holds (or there is no schema). */
  readonly errors: (value: string) => string[];
}

export interface StatusFacts {
  readonly mediaTypes: readonly string[];
  readonly headers: readonly HeaderFacts[];
  readonly cookie: CookieContract | undefined;
  /** A real server answers this status with its framework's own body (`x-framework-body`). */
  readonly frameworkBody: boolean;
}

export interface SpecFacts {
  readonly variant: Variant;
  /** The login operation's path in the spec (`/auth/login`): the harness appends it to the base URL. */
  readonly operationPath: string;
  readonly examples: readonly ResponseExample[];
  readonly statuses: ReadonlyMap<number, StatusFacts>;
  readonly validateBody: ResponseValidator;
  /** TalkStack: loginStatus value → the HTTP status it comes with. */
  readonly loginStatusToHttp: ReadonlyMap<number, number> | undefined;
  /** TalkStack: loginStatus value → its enum name, for messages. */
  readonly loginStatusNames: ReadonlyMap<number, string> | undefined;
  /** Documented JWT lifetime: TalkStack's `x-token-lifetime-seconds`, Seamless' cookie Max-Age. */
  readonly tokenLifetimeSeconds: number | undefined;
  /** The JSON request body's schema. */
  readonly requestSchema: JsonSchema | undefined;
  /** The largest body the server accepts: `x-body-limit-bytes` on the response that refuses more. */
  readonly bodyLimitBytes: number | undefined;
}

export function readSpecFacts(variant: Variant, document: OpenApiDocument): SpecFacts {
  const operation = loginOperation(document);
  const statuses = new Map<number, StatusFacts>();
  // Header schemas are compiled here, once per run, like the body schemas.
  const ajv = createSchemaValidator();
  let cookieLifetime: number | undefined;
  let bodyLimitBytes: number | undefined;
  for (const [status, response] of Object.entries(operation.responses)) {
    bodyLimitBytes ??= response["x-body-limit-bytes"];
    const headers = response.headers ?? {};
    const cookie = Object.values(headers).find((header) => header["x-cookie"])?.["x-cookie"];
    cookieLifetime ??= cookie?.maxAgeSeconds;
    statuses.set(Number(status), {
      mediaTypes: Object.keys(response.content ?? {}),
      headers: Object.entries(headers).map(([name, header]): HeaderFacts => {
        const validate = header.schema ? compileSchema(ajv, header.schema) : undefined;
        return {
          name,
          required: header.required === true,
          errors: (value) =>
            !validate || validate(value)
              ? []
              : describeSchemaErrors(validate.errors, validate.schema, value, "the value"),
        };
      }),
      cookie,
      frameworkBody: response["x-framework-body"] === true,
    });
  }
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const jwtLifetime = schemas.Jwt?.["x-token-lifetime-seconds"];
  const { toHttp, names } = readLoginStatusMap(
    operation["x-login-status-map"],
    schemas.LoginStatus,
  );
  const operationPath = Object.keys(document.paths).find(
    (path) => document.paths[path]?.post === operation,
  );
  if (!operationPath) throw new Error(`[login-mock] ${variant}: the login operation has no path`);
  return {
    variant,
    operationPath,
    examples: listResponseExamples(document),
    statuses,
    validateBody: createResponseValidator(document),
    loginStatusToHttp: toHttp,
    loginStatusNames: names,
    tokenLifetimeSeconds: typeof jwtLifetime === "number" ? jwtLifetime : cookieLifetime,
    requestSchema: operation.requestBody?.content["application/json"]?.schema,
    bodyLimitBytes,
  };
}

function readLoginStatusMap(
  map: Readonly<Record<string, readonly string[]>> | undefined,
  enumSchema: Record<string, unknown> | undefined,
): { toHttp?: Map<number, number>; names?: Map<number, string> } {
  const values = enumSchema?.enum as readonly number[] | undefined;
  const varnames = enumSchema?.["x-enum-varnames"] as readonly string[] | undefined;
  if (!map || !values || !varnames) return {};
  const byName = new Map(varnames.map((name, index) => [name, values[index] ?? -1]));
  const toHttp = new Map<number, number>();
  for (const [status, enumNames] of Object.entries(map)) {
    if (!/^\d{3}$/.test(status)) continue;
    for (const name of enumNames) {
      const value = byName.get(name);
      if (value !== undefined) toHttp.set(value, Number(status));
    }
  }
  return { toHttp, names: new Map(values.map((value, index) => [value, varnames[index] ?? ""])) };
}
