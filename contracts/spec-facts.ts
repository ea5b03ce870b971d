/**
 * What the checks need to know about one login API, read once from its `LoginApi` (the
 * dereferenced spec and its `x-login-mock` block): the login operation's method and path, the
 * response examples, each status's media types and headers, the cookie contract, where the token
 * travels and how long it lives, and, where the operation has an `x-login-status-map`, the map
 * from the body's status code to the HTTP status. Checks never read the YAML themselves.
 */
import type { CookieContract, OperationObject } from "../openapi/document.ts";
import type { ResponseExample } from "../openapi/examples.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { compileSchema, createSchemaValidator } from "../openapi/schema-validator.ts";
import type { SessionOperation } from "../openapi/session-operations.ts";
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

/**
 * The operation's `x-login-status-map` read against the enum it names: a code in the body (at
 * the top-level `property`) that says the outcome, and the HTTP status each code comes with.
 */
export interface StatusCodeMap {
  /** The top-level body property that carries the code in every documented body of a mapped status. */
  readonly property: string;
  /** Code → the HTTP status it comes with. */
  readonly toHttp: ReadonlyMap<number, number>;
  /** Code → its enum name (`x-enum-varnames`), for messages. */
  readonly names: ReadonlyMap<number, string>;
}

export interface SpecFacts {
  readonly api: LoginApi;
  /** The operation's method, upper case (`POST`): the login's, or a refresh's or logout's. */
  readonly method: string;
  /** The operation's path in the spec (`/auth/login`): the harness appends it to the base URL. */
  readonly operationPath: string;
  readonly examples: readonly ResponseExample[];
  /**
   * The example whose reply carries a freshly issued JWT (the login's or the refresh's success);
   * undefined for an operation that issues none (a logout).
   */
  readonly issuing: string | undefined;
  readonly statuses: ReadonlyMap<number, StatusFacts>;
  readonly validateBody: ResponseValidator;
  /** The body's status code ↔ HTTP status, for an operation with an `x-login-status-map`. */
  readonly statusCodes: StatusCodeMap | undefined;
  /** The documented JWT lifetime (the token block's, the token schema's, or the cookie's Max-Age). */
  readonly tokenLifetimeSeconds: number | undefined;
  /** Where a success carries its token, and what else the spec says about it. */
  readonly token: LoginApi["token"];
  /** The largest body the server accepts: `x-body-limit-bytes` on the response that refuses more. */
  readonly bodyLimitBytes: number | undefined;
}

export function readSpecFacts(api: LoginApi): SpecFacts {
  const { method, path } = api.operation;
  const operation = api.document.paths[path]?.[method.toLowerCase()];
  if (!operation)
    throw new Error(`[login-mock] ${api.source}: the login operation ${method} ${path} is missing`);
  return {
    api,
    method,
    operationPath: path,
    examples: api.examples,
    issuing: api.outcomes.success,
    statuses: readStatuses(operation),
    validateBody: createResponseValidator(api.document, operation),
    statusCodes: readStatusCodeMap(api, operation),
    tokenLifetimeSeconds: api.token.lifetimeSeconds,
    token: api.token,
    bodyLimitBytes: api.bodyLimitBytes,
  };
}

/**
 * The facts of the refresh or logout operation the login block names, for the same checks: its
 * statuses, bodies and examples. A refresh issues a JWT where its block says (its `token`
 * pointers, else the login's placement); where the login's token is a cookie the refresh's
 * success does not document, the login's cookie contract stands for it (a refresh sets the same
 * cookie). A logout issues none.
 */
export function readSessionFacts(api: LoginApi, kind: "refresh" | "logout"): SpecFacts | undefined {
  const session: SessionOperation | undefined = api[kind];
  if (!session) return undefined;
  const operation = api.document.paths[session.path]?.[session.method.toLowerCase()];
  if (!operation)
    throw new Error(
      `[login-mock] ${api.source}: the ${kind} operation ${session.method} ${session.path} is missing`,
    );
  const statuses = readStatuses(operation);
  const refresh = kind === "refresh" ? api.refresh : undefined;
  let token: LoginApi["token"] = api.token;
  if (refresh) {
    const { pointer, expiresAt } = refresh.token;
    token = {
      ...api.token,
      placement: pointer !== undefined ? { in: "body", pointer } : api.token.placement,
      expiresAt,
      refresh: refresh.token.refresh,
    };
    const placement = token.placement;
    const success = statuses.get(refresh.successStatus);
    if (placement.in === "cookie" && success && !success.cookie)
      statuses.set(refresh.successStatus, { ...success, cookie: placement.cookie });
  }
  return {
    api,
    method: session.method,
    operationPath: session.path,
    examples: session.examples,
    issuing: refresh?.outcomes.success,
    statuses,
    validateBody: createResponseValidator(api.document, operation),
    statusCodes: undefined,
    tokenLifetimeSeconds: api.token.lifetimeSeconds,
    token,
    bodyLimitBytes: undefined,
  };
}

/** Each documented status of an operation: its media types, headers (schemas compiled), cookie. */
function readStatuses(operation: OperationObject): Map<number, StatusFacts> {
  const statuses = new Map<number, StatusFacts>();
  // Header schemas are compiled here, once per run, like the body schemas.
  const ajv = createSchemaValidator();
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers = response.headers ?? {};
    const cookie = Object.values(headers).find((header) => header["x-cookie"])?.["x-cookie"];
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
  return statuses;
}

/**
 * The operation's `x-login-status-map` (HTTP status → enum names), read against the one enum
 * schema of the document whose `x-enum-varnames` hold every name it uses; the body property
 * that carries the code is the top-level key that, in every documented body of a mapped status,
 * holds a code the map gives that status. Undefined when any of it is missing.
 */
function readStatusCodeMap(api: LoginApi, operation: OperationObject): StatusCodeMap | undefined {
  const map = operation["x-login-status-map"];
  if (!map) return undefined;
  const used = Object.entries(map)
    .filter(([status]) => /^\d{3}$/.test(status))
    .flatMap(([, names]) => names);
  const schemas = Object.values(api.document.components?.schemas ?? {});
  const enumSchema = schemas.find((schema) => {
    const varnames = schema["x-enum-varnames"];
    return (
      Array.isArray(schema.enum) &&
      Array.isArray(varnames) &&
      used.every((name) => varnames.includes(name))
    );
  });
  if (!enumSchema) return undefined;
  const values = enumSchema.enum as readonly number[];
  const varnames = enumSchema["x-enum-varnames"] as readonly string[];
  const byName = new Map(varnames.map((name, index) => [name, values[index] ?? -1]));
  const toHttp = new Map<number, number>();
  for (const [status, enumNames] of Object.entries(map)) {
    if (!/^\d{3}$/.test(status)) continue;
    for (const name of enumNames) {
      const value = byName.get(name);
      if (value !== undefined) toHttp.set(value, Number(status));
    }
  }
  const mapped = new Set(toHttp.values());
  const bodies = api.examples
    .filter((example) => mapped.has(example.status))
    .map((example) => ({ status: example.status, value: example.value }))
    .filter(
      (body): body is { status: number; value: Record<string, unknown> } =>
        body.value !== null && typeof body.value === "object" && !Array.isArray(body.value),
    );
  const [first] = bodies;
  if (!first) return undefined;
  const property = Object.keys(first.value).find((key) =>
    bodies.every(({ status, value }) => {
      const code = value[key];
      return typeof code === "number" && toHttp.get(code) === status;
    }),
  );
  if (property === undefined) return undefined;
  return {
    property,
    toHttp,
    names: new Map(values.map((value, index) => [value, varnames[index] ?? ""])),
  };
}
