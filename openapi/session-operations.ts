/**
 * The operations around a login that the login block names: `refresh` (a refresh token for a
 * new access token) and `logout` (ends what a login started). Each is an operation of the same
 * document, named as `METHOD /path`; its request body, examples and `x-inferred` reason are read
 * from there, as the login's are. Runtime-free, like login-api.ts.
 */
import type { JsonSchema, OpenApiDocument, OperationObject } from "./document.ts";
import { listOperationExamples, type ResponseExample } from "./examples.ts";
import type { SpecValidator } from "./generated/validators.js";
import { pointerOf, readPointer } from "./json-pointer.ts";
import type { RequestField } from "./login-api.ts";
import type { LoginExtension, LogoutExtension, RefreshExtension } from "./login-extension.ts";
import { isJsonContentType } from "./media-type.ts";

export type Fail = (pointer: string, problem: string, fix: string) => never;

/** What refresh and logout share: where they are and what their requests and answers are. */
export interface SessionOperation {
  /** Upper case, as requests carry it. */
  readonly method: string;
  readonly path: string;
  /**
   * The path first, then the same path behind each extra leading slash a login alias adds (a
   * vendor whose documented base URL ends in `/` calls `//auth/login`, and so `//auth/logout`).
   */
  readonly paths: readonly string[];
  /** The reason the spec gives when the vendor documents no such operation (`x-inferred`). */
  readonly inferred: string | undefined;
  readonly request: {
    readonly mediaTypes: readonly string[];
    readonly reads: { readonly json: boolean; readonly form: boolean };
    /** The body's top-level properties, as the journal reports them. */
    readonly fields: readonly RequestField[];
    /** The body's schema, when the spec documents one. */
    readonly schema: JsonSchema | undefined;
    /** Judges a body by its schema, where a compiler was at hand (a user's spec). */
    readonly validate: SpecValidator | undefined;
  };
  readonly examples: readonly ResponseExample[];
}

export interface RefreshOperation extends SessionOperation {
  readonly field: string;
  readonly rotate: boolean;
  readonly lifetimeSeconds: number;
  readonly outcomes: Required<RefreshExtension["outcomes"]>;
  /** Where the success body takes the new access token, its expiry and refresh token. */
  readonly token: {
    readonly pointer: string | undefined;
    readonly expiresAt: LoginExtension["token"]["expiresAt"];
    readonly refresh: string | undefined;
  };
  readonly successBody: unknown;
  readonly successStatus: number;
  readonly successMediaType: string;
}

export interface LogoutOperation extends SessionOperation {
  readonly field: string | undefined;
  readonly outcomes: {
    readonly success: string;
    readonly unauthenticated: string | undefined;
    readonly invalidRequest: string | undefined;
  };
}

/** A refresh token lasts this long when the spec does not say: 30 days. */
export const DEFAULT_REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;

export type CompileBody = (schema: JsonSchema, mediaType: string) => SpecValidator | undefined;

interface ReadContext {
  readonly document: OpenApiDocument;
  /** The login block's pointer: `/paths/~1auth~1login/post/x-login-mock`. */
  readonly at: string;
  /** The login operation, which neither may be. */
  readonly login: { readonly method: string; readonly path: string };
  readonly fail: Fail;
  readonly compile: CompileBody;
}

export function readRefreshOperation(
  extension: RefreshExtension,
  loginToken: LoginExtension["token"],
  context: ReadContext,
): RefreshOperation {
  const at = `${context.at}/refresh`;
  const base = readOperation(extension.operation, at, context);
  requireField(base, extension.field, `${at}/field`, context.fail);
  const outcomes = {
    success: extension.outcomes.success,
    invalidRequest: extension.outcomes.invalidRequest,
    unknownToken: extension.outcomes.unknownToken,
    expiredToken: extension.outcomes.expiredToken ?? extension.outcomes.unknownToken,
    reusedToken: extension.outcomes.reusedToken ?? extension.outcomes.unknownToken,
  };
  for (const [key, name] of Object.entries(extension.outcomes))
    requireExample(base, name, `${at}/outcomes/${key}`, context.fail);
  const success = base.examples.find((example) => example.name === outcomes.success);
  if (!success || success.status < 200 || success.status > 299 || success.value === undefined) {
    return context.fail(
      `${at}/outcomes/success`,
      `the example "${outcomes.success}" is not a 2xx response with a body`,
      "Name the example of the refresh operation's 2xx response: the mock writes the new token into it.",
    );
  }
  // A refresh block's own `token` says where each value goes (a key it leaves out is not
  // written); without one, the refresh answers in the login's shape, at the login's pointers.
  const token = extension.token
    ? {
        pointer: extension.token.pointer,
        expiresAt: extension.token.expiresAt,
        refresh: extension.token.refresh,
      }
    : {
        pointer: loginToken.in === "body" ? loginToken.pointer : undefined,
        expiresAt: loginToken.expiresAt,
        refresh: loginToken.refresh,
      };
  const requireInSuccess = (pointer: string | undefined, key: string) => {
    if (pointer !== undefined && readPointer(success.value, pointer) === undefined) {
      context.fail(
        `${at}/token/${key}`,
        `the refresh success example "${success.name}" has no value at ${pointer}${extension.token ? "" : " (the login block's pointer: a refresh block without `token` answers in the login's shape)"}`,
        "Point at a value the refresh success example shows (the mock writes the live value there), in the refresh block's `token`.",
      );
    }
  };
  requireInSuccess(token.pointer, "pointer");
  requireInSuccess(token.expiresAt?.pointer, "expiresAt");
  const rotate = extension.rotate === true;
  if (rotate && token.refresh === undefined) {
    context.fail(
      `${at}/rotate`,
      "a rotating refresh gives out a new refresh token, and no pointer says where",
      "Add `token: { refresh: /refreshToken }` (where the refresh success body shows it), or drop `rotate`.",
    );
  }
  if (rotate) requireInSuccess(token.refresh, "refresh");
  if (loginToken.refresh === undefined) {
    context.fail(
      `${at}`,
      "the login gives out no refresh token, so nothing could be refreshed",
      "Add `token.refresh` to the login block (where the login's success body shows the refresh token).",
    );
  }
  return {
    ...base,
    field: extension.field,
    rotate,
    lifetimeSeconds: extension.lifetimeSeconds ?? DEFAULT_REFRESH_LIFETIME_SECONDS,
    outcomes,
    token: { ...token, refresh: rotate ? token.refresh : undefined },
    successBody: success.value,
    successStatus: success.status,
    successMediaType: success.mediaType,
  };
}

export function readLogoutOperation(
  extension: LogoutExtension,
  context: ReadContext,
): LogoutOperation {
  const at = `${context.at}/logout`;
  const base = readOperation(extension.operation, at, context);
  if (extension.field !== undefined)
    requireField(base, extension.field, `${at}/field`, context.fail);
  for (const [key, name] of Object.entries(extension.outcomes))
    requireExample(base, name, `${at}/outcomes/${key}`, context.fail);
  const success = base.examples.find((example) => example.name === extension.outcomes.success);
  if (!success || success.status < 200 || success.status > 299) {
    return context.fail(
      `${at}/outcomes/success`,
      `the example "${extension.outcomes.success}" is not a 2xx response`,
      "Name the example of the logout operation's 2xx response.",
    );
  }
  return {
    ...base,
    field: extension.field,
    outcomes: {
      success: extension.outcomes.success,
      unauthenticated: extension.outcomes.unauthenticated,
      invalidRequest: extension.outcomes.invalidRequest,
    },
  };
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "options", "head"]);

function readOperation(reference: string, at: string, context: ReadContext): SessionOperation {
  const { document, fail } = context;
  const space = reference.indexOf(" ");
  const method = reference.slice(0, space).toLowerCase();
  const path = reference.slice(space + 1);
  const item = Object.hasOwn(document.paths ?? {}, path) ? document.paths[path] : undefined;
  const operation: OperationObject | undefined =
    item && METHODS.has(method) && Object.hasOwn(item, method) ? item[method] : undefined;
  if (!operation) {
    const known = Object.entries(document.paths ?? {}).flatMap(([candidate, operations]) =>
      Object.keys(operations)
        .filter((name) => METHODS.has(name))
        .map((name) => `${name.toUpperCase()} ${candidate}`),
    );
    return fail(
      `${at}/operation`,
      `this document has no operation ${reference}`,
      `Name one of its operations as \`METHOD /path\`: ${known.join(", ")}; or add the operation under paths.`,
    );
  }
  if (method === context.login.method && path === context.login.path) {
    return fail(
      `${at}/operation`,
      `${reference} is the login operation itself`,
      "Name the operation that refreshes (or logs out): its own path, or another method.",
    );
  }
  if (/^\/*__mock(\/|$)/.test(path) || path.includes("{")) {
    return fail(
      `${at}/operation`,
      `the mock cannot serve ${reference}: its path is under /__mock or has a path parameter`,
      "Serve it at a fixed path outside /__mock, e.g. /auth/refresh.",
    );
  }
  const content = operation.requestBody?.content ?? {};
  const mediaTypes = Object.keys(content);
  const first = mediaTypes[0];
  const schema = first === undefined ? undefined : content[first]?.schema;
  const examples = [...listOperationExamples(operation), ...bodilessResponses(operation)];
  const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const fields = Object.entries(properties).map(([name, fieldSchema]) => ({
    name,
    required: required.has(name),
    schema: fieldSchema,
  }));
  const seen = new Set<string>();
  for (const example of examples) {
    if (seen.has(example.name)) {
      fail(
        pointerOf("paths", path, method, "responses", String(example.status)),
        `a second response example is named "${example.name}"`,
        "Give each response example of the operation its own name.",
      );
    }
    seen.add(example.name);
  }
  return {
    method: method.toUpperCase(),
    path,
    paths: [path],
    inferred:
      typeof (operation as { "x-inferred"?: unknown })["x-inferred"] === "string"
        ? ((operation as { "x-inferred"?: string })["x-inferred"] as string)
        : undefined,
    request: {
      mediaTypes,
      reads: {
        json: mediaTypes.some(isJsonContentType),
        form: mediaTypes.includes("application/x-www-form-urlencoded"),
      },
      fields,
      schema,
      validate: schema && first ? context.compile(schema, first) : undefined,
    },
    examples,
  };
}

/**
 * A response with no body (a logout's 204) as an example named by its status, so an outcome
 * can name it: `success: "204"`.
 */
function bodilessResponses(operation: OperationObject): ResponseExample[] {
  return Object.entries(operation.responses)
    .filter(([status, response]) => /^[1-5][0-9]{2}$/.test(status) && !response.content)
    .map(([status, response]) => ({
      name: status,
      status: Number(status),
      mediaType: "",
      summary: response.description ?? status,
      description: undefined,
      value: undefined,
      schema: undefined,
      headers: response.headers ?? {},
      provokedBy: [],
      inferred: response["x-inferred"],
    }));
}

function requireField(operation: SessionOperation, field: string, at: string, fail: Fail): void {
  const properties = operation.request.schema?.properties as Record<string, unknown> | undefined;
  if (!properties || !Object.hasOwn(properties, field)) {
    fail(
      at,
      `"${field}" is not a property of ${operation.method} ${operation.path}'s request body schema`,
      properties
        ? `Use one of: ${Object.keys(properties).join(", ")}.`
        : "Document the operation's request body (an object schema with this property).",
    );
  }
}

function requireExample(operation: SessionOperation, name: string, at: string, fail: Fail): void {
  if (!operation.examples.some((example) => example.name === name)) {
    fail(
      at,
      `no response example of ${operation.method} ${operation.path} is named "${name}"`,
      `Name one of: ${operation.examples.map((example) => example.name).join(", ") || "(none: add named examples under its responses)"}.`,
    );
  }
}
