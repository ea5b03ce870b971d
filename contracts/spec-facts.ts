/**
 * What the checks need to know about one variant, read once from its dereferenced spec: the
 * response examples, each status's schema and headers, the cookie contract, token lifetimes and
 * TalkStack's loginStatus ↔ HTTP status map. Checks never read the YAML themselves.
 */
import type {
  CookieContract,
  HeaderObject,
  JsonSchema,
  OpenApiDocument,
} from "../openapi/document.ts";
import type { Variant } from "../openapi/documents.ts";
import { listResponseExamples, loginOperation, type ResponseExample } from "../openapi/examples.ts";
import { createResponseValidator, type ResponseValidator } from "./response-validator.ts";

export interface StatusFacts {
  readonly mediaTypes: readonly string[];
  readonly headers: Readonly<Record<string, HeaderObject>>;
  readonly cookie: CookieContract | undefined;
}

export interface SpecFacts {
  readonly variant: Variant;
  readonly examples: readonly ResponseExample[];
  readonly statuses: ReadonlyMap<number, StatusFacts>;
  readonly validateBody: ResponseValidator;
  /** TalkStack: loginStatus value → the HTTP status it comes with. */
  readonly loginStatusToHttp: ReadonlyMap<number, number> | undefined;
  /** TalkStack: loginStatus value → its enum name, for messages. */
  readonly loginStatusNames: ReadonlyMap<number, string> | undefined;
  /** Documented JWT lifetime: TalkStack's `x-token-lifetime-seconds`, Seamless' cookie Max-Age. */
  readonly tokenLifetimeSeconds: number | undefined;
  readonly documentedStatuses: readonly number[];
  /** The JSON request body's schema. */
  readonly requestSchema: JsonSchema | undefined;
}

export function readSpecFacts(variant: Variant, document: OpenApiDocument): SpecFacts {
  const operation = loginOperation(document);
  const statuses = new Map<number, StatusFacts>();
  let cookieLifetime: number | undefined;
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers = response.headers ?? {};
    const cookie = Object.values(headers).find((header) => header["x-cookie"])?.["x-cookie"];
    cookieLifetime ??= cookie?.maxAgeSeconds;
    statuses.set(Number(status), {
      mediaTypes: Object.keys(response.content ?? {}),
      headers,
      cookie,
    });
  }
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const jwtLifetime = schemas.Jwt?.["x-token-lifetime-seconds"];
  const { toHttp, names } = readLoginStatusMap(
    operation["x-login-status-map"],
    schemas.LoginStatus,
  );
  return {
    variant,
    examples: listResponseExamples(document),
    statuses,
    validateBody: createResponseValidator(document),
    loginStatusToHttp: toHttp,
    loginStatusNames: names,
    tokenLifetimeSeconds: typeof jwtLifetime === "number" ? jwtLifetime : cookieLifetime,
    documentedStatuses: [...statuses.keys()],
    requestSchema: operation.requestBody?.content["application/json"]?.schema,
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
