/**
 * A login API as data: everything the mock, the server, the contract harness and the CLI need
 * to know about one login API, read from its dereferenced OpenAPI document and the operation's
 * `x-login-mock` block (login-extension.ts). Nothing downstream reads the document for
 * behaviour again, and nothing downstream names an API: built-in presets and a user's own spec
 * go through this same reader. Runtime-free; the browser bundle uses it.
 */
import type { CookieContract, JsonSchema, OpenApiDocument } from "./document.ts";
import { listOperationExamples, type ResponseExample } from "./examples.ts";
import type { SpecValidationError, SpecValidator } from "./generated/validators.js";
import { pointerOf, readPointer } from "./json-pointer.ts";
import {
  type DeclaredAccount,
  LOGIN_EXTENSION,
  type LoginExtension,
  type ProfileUpdate,
} from "./login-extension.ts";
import type { LoginHooks } from "./login-hooks.ts";
import { findLoginOperation } from "./login-operation.ts";
import { LoginSpecError } from "./login-spec-error.ts";

export interface RequestField {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export type TokenPlacement =
  | { readonly in: "body"; readonly pointer: string }
  | { readonly in: "cookie"; readonly cookie: CookieContract }
  | { readonly in: "header"; readonly header: string };

export interface LoginApi {
  readonly id: string;
  /** The spec's `info.title`. */
  readonly title: string;
  /** Where it came from, for messages: a file path, or `preset <id>`. */
  readonly source: string;
  readonly document: OpenApiDocument;
  readonly operation: {
    /** Upper case, as requests carry it. */
    readonly method: string;
    readonly path: string;
    /** The path first, then every alias. */
    readonly paths: readonly string[];
    /** The spec's server URLs (MSW intercepts the login there). */
    readonly servers: readonly string[];
  };
  readonly request: {
    /** The media types the spec documents for the body, first the preferred one. */
    readonly mediaTypes: readonly string[];
    /** Which bodies the mock reads: JSON (any `+json` too), and forms, as the spec documents. */
    readonly reads: { readonly json: boolean; readonly form: boolean };
    readonly schema: JsonSchema;
    readonly fields: readonly RequestField[];
    readonly identity: string;
    readonly secret: string;
    readonly challenge: { readonly field: string; readonly rejected: string } | undefined;
    /** Judges a body's fields by the request schema (precompiled or compiled at load). */
    readonly validate: SpecValidator;
  };
  readonly outcomes: LoginExtension["outcomes"];
  readonly token: {
    readonly placement: TokenPlacement;
    readonly lifetimeSeconds: number;
    readonly expiresAt: LoginExtension["token"]["expiresAt"];
    readonly refresh: string | undefined;
    readonly claims: Readonly<Record<string, string>>;
  };
  readonly profile:
    | {
        readonly pointer: string;
        readonly identity: string | undefined;
        readonly subject: string | undefined;
        readonly onLogin: readonly ProfileUpdate[];
        /** Judges a stored profile (the schema at `pointer` in the success body), if known. */
        readonly validate: SpecValidator | undefined;
      }
    | undefined;
  readonly accounts: readonly DeclaredAccount[];
  readonly unknownIdentity: string;
  readonly caseSensitiveIdentity: boolean;
  readonly examples: readonly ResponseExample[];
  /** The success example's body: the template of every success reply. */
  readonly successBody: unknown;
  /** Words (`info.x-provocations`) the spec explains in its own text. */
  readonly provocationTexts: Readonly<Record<string, string>>;
  /** `x-body-limit-bytes` on the response that refuses a large body. */
  readonly bodyLimitBytes: number | undefined;
  readonly hooks: LoginHooks;
}

/** What reading a spec needs besides the document: validators, made by whoever can. */
export interface LoginApiCompilers {
  /** The extension block's structure (`LOGIN_EXTENSION_SCHEMA`). */
  readonly validateExtension: SpecValidator;
  /** A validator for a schema of this document (the request body's; the profile's). */
  readonly compile: (schema: JsonSchema, role: "request" | "profile") => SpecValidator | undefined;
  /** A preset's code for what is not data; a user's spec has none. */
  readonly hooks?: LoginHooks;
}

/**
 * The login API a dereferenced document describes. Throws `LoginSpecError` (file, pointer,
 * fix) for anything that would leave the mock half-configured.
 */
export function readLoginApi(
  document: OpenApiDocument,
  source: string,
  compilers: LoginApiCompilers,
): LoginApi {
  const fail = (pointer: string, problem: string, fix: string): never => {
    throw new LoginSpecError(source, pointer, problem, fix);
  };
  const found = findLoginOperation(document, source);
  const { path, method, operation } = found;
  const at = pointerOf("paths", path, method, LOGIN_EXTENSION);
  const raw = (operation as unknown as Record<string, unknown>)[LOGIN_EXTENSION];
  if (!compilers.validateExtension(raw)) {
    // An unknown key first: a misspelt key also makes its right spelling "missing".
    const errors = compilers.validateExtension.errors ?? [];
    const error =
      errors.find((candidate) => candidate.keyword === "additionalProperties") ?? errors[0];
    if (!error) return fail(at, "the block is invalid", "See docs/specs.md for its keys.");
    return fail(`${at}${error.instancePath}`, ...explainSchemaError(error));
  }
  const extension = raw as LoginExtension;

  const requestPointer = pointerOf("paths", path, method, "requestBody", "content");
  const content = operation.requestBody?.content ?? {};
  const mediaTypes = Object.keys(content);
  const requestMedia = mediaTypes[0];
  const schema = requestMedia === undefined ? undefined : content[requestMedia]?.schema;
  if (schema?.type !== "object" || typeof schema.properties !== "object") {
    return fail(
      requestPointer,
      "the login operation documents no request body with an object schema",
      "Give requestBody.content an `application/json` or `application/x-www-form-urlencoded` schema of `type: object` with `properties`.",
    );
  }
  const properties = schema.properties as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const fields = Object.entries(properties).map(([name, fieldSchema]) => ({
    name,
    required: required.has(name),
    schema: fieldSchema,
  }));
  const fieldNames = fields.map((field) => field.name);
  const requireField = (name: string, key: string) => {
    if (!Object.hasOwn(properties, name)) {
      fail(
        `${at}/${key}`,
        `"${name}" is not a property of the request body's schema`,
        `Use one of: ${fieldNames.join(", ")}.`,
      );
    }
  };
  requireField(extension.identity, "identity");
  requireField(extension.secret, "secret");
  if (extension.challenge) requireField(extension.challenge.field, "challenge/field");

  const examples = listOperationExamples(operation);
  const names = examples.map((example) => example.name);
  const requireExample = (name: string, pointer: string) => {
    if (!names.includes(name)) {
      fail(
        `${at}${pointer}`,
        `no response example of this operation is named "${name}"`,
        `Name one of: ${names.join(", ")}, or add an example by that name.`,
      );
    }
  };
  const { outcomes } = extension;
  requireExample(outcomes.success, "/outcomes/success");
  requireExample(outcomes.invalidRequest, "/outcomes/invalidRequest");
  requireExample(outcomes.unknownAccount, "/outcomes/unknownAccount");
  requireExample(outcomes.wrongSecret, "/outcomes/wrongSecret");
  if (outcomes.malformedIdentity)
    requireExample(outcomes.malformedIdentity, "/outcomes/malformedIdentity");
  if (outcomes.lockedOut) requireExample(outcomes.lockedOut.example, "/outcomes/lockedOut/example");
  if (extension.challenge) requireExample(extension.challenge.rejected, "/challenge/rejected");
  extension.accounts.forEach((account, index) => {
    if (account.answer) requireExample(account.answer, `/accounts/${index}/answer`);
  });

  examples.forEach((example) => {
    example.provokedBy.forEach((word, index) => {
      if (isKnownWord(word, fieldNames, document.info["x-provocations"] ?? {})) return;
      const response = pointerOf("paths", path, method, "responses", String(example.status));
      fail(
        `${response}/content/${pointerOf(example.mediaType).slice(1)}/examples/${pointerOf(example.name).slice(1)}/x-provoked-by/${index}`,
        `"${word}" is not a provocation login-mock knows`,
        `Use an outcome word (${OUTCOME_WORDS.join(", ")}) or a field word (${FIELD_VERBS.map((verb) => `${verb}-<field>`).join(", ")}) for one of: ${fieldNames.join(", ")}; or explain a word of your own in info.x-provocations.`,
      );
    });
  });

  const success = examples.find((example) => example.name === outcomes.success);
  if (!success || success.status < 200 || success.status > 299 || success.value === undefined) {
    return fail(
      `${at}/outcomes/success`,
      `the example "${outcomes.success}" is not a 2xx response with a body`,
      "Name the example of the login's 2xx response.",
    );
  }
  const successBody = success.value;
  const requireInSuccess = (pointer: string, key: string) => {
    if (readPointer(successBody, pointer) === undefined) {
      fail(
        `${at}/${key}`,
        `the success example "${success.name}" has no value at ${pointer}`,
        "Point at a value the success example shows (the mock writes the live value there).",
      );
    }
  };

  const token = extension.token;
  // Which key locates the token depends on where it goes: checked here, where the message can
  // say so plainly (a schema's if/then would report the branch, not the missing key).
  const locator = { body: "pointer", cookie: "cookie", header: "header" } as const;
  const key = locator[token.in];
  if (token[key] === undefined) {
    return fail(
      `${at}/token`,
      `a token that goes in the ${token.in} needs \`${key}\``,
      token.in === "body"
        ? "Add `pointer: /token` (the JSON pointer of the token in the success body)."
        : token.in === "cookie"
          ? "Add `cookie: <name>` (the cookie's name, as its Set-Cookie header's x-cookie gives it)."
          : "Add `header: <name>` (the response header that carries the token).",
    );
  }
  const successResponse = operation.responses[String(success.status)];
  let placement: TokenPlacement;
  let documentedLifetime: number | undefined;
  if (token.in === "body") {
    const pointer = token.pointer as string;
    requireInSuccess(pointer, "token/pointer");
    placement = { in: "body", pointer };
    const tokenSchema = readSchemaAt(success.schema, pointer);
    const fromSchema = tokenSchema?.["x-token-lifetime-seconds"];
    documentedLifetime = typeof fromSchema === "number" ? fromSchema : undefined;
  } else if (token.in === "cookie") {
    const name = token.cookie as string;
    const contract = Object.values(successResponse?.headers ?? {})
      .map((header) => header["x-cookie"])
      .find((cookie) => cookie?.name === name);
    if (!contract) {
      return fail(
        `${at}/token/cookie`,
        `the success response documents no Set-Cookie header with an x-cookie named "${name}"`,
        "Document the Set-Cookie header on the success response with `x-cookie: { name, value: jwt, httpOnly, secure, sameSite, path, maxAgeSeconds }`.",
      );
    }
    placement = { in: "cookie", cookie: contract };
    documentedLifetime = contract.maxAgeSeconds;
  } else {
    placement = { in: "header", header: (token.header as string).toLowerCase() };
  }
  const lifetimeSeconds = token.lifetimeSeconds ?? documentedLifetime;
  if (lifetimeSeconds === undefined) {
    return fail(
      `${at}/token`,
      "the token's lifetime is not documented",
      "Add `lifetimeSeconds` (e.g. 3600) to the token block.",
    );
  }
  if (token.expiresAt) requireInSuccess(token.expiresAt.pointer, "token/expiresAt/pointer");
  if (token.refresh) requireInSuccess(token.refresh, "token/refresh");

  let profile: LoginApi["profile"];
  if (extension.profile) {
    requireInSuccess(extension.profile.pointer, "profile/pointer");
    const profileSchema = readSchemaAt(success.schema, extension.profile.pointer);
    profile = {
      pointer: extension.profile.pointer,
      identity: extension.profile.identity,
      subject: extension.profile.subject,
      onLogin: extension.profile.onLogin ?? [],
      validate: profileSchema ? compilers.compile(profileSchema, "profile") : undefined,
    };
  }

  const seen = new Set<string>();
  extension.accounts.forEach((account, index) => {
    const key = extension.caseSensitiveIdentity ? account.identity : account.identity.toLowerCase();
    if (seen.has(key)) {
      fail(
        `${at}/accounts/${index}/identity`,
        `"${account.identity}" is declared twice`,
        "Give each demo account its own identity.",
      );
    }
    seen.add(key);
  });
  const unknownKey = extension.caseSensitiveIdentity
    ? extension.unknownIdentity
    : extension.unknownIdentity.toLowerCase();
  if (seen.has(unknownKey)) {
    fail(
      `${at}/unknownIdentity`,
      `"${extension.unknownIdentity}" is a demo account`,
      "Pick an identity no account has.",
    );
  }

  const validate = compilers.compile(schema, "request");
  if (!validate) {
    return fail(requestPointer, "the request schema could not be compiled", "Check its keywords.");
  }
  let bodyLimitBytes: number | undefined;
  for (const response of Object.values(operation.responses)) {
    bodyLimitBytes ??= response["x-body-limit-bytes"];
  }
  return {
    id: extension.id ?? slugOf(document.info.title),
    title: document.info.title,
    source,
    document,
    operation: {
      method: method.toUpperCase(),
      path,
      paths: [path, ...(extension.aliases ?? [])],
      servers: (document.servers ?? []).map((server) => server.url.replace(/\/+$/, "")),
    },
    request: {
      mediaTypes,
      reads: {
        json: mediaTypes.some((type) => type === "application/json" || type.endsWith("+json")),
        form: mediaTypes.includes("application/x-www-form-urlencoded"),
      },
      schema,
      fields,
      identity: extension.identity,
      secret: extension.secret,
      challenge: extension.challenge,
      validate,
    },
    outcomes,
    token: {
      placement,
      lifetimeSeconds,
      expiresAt: token.expiresAt,
      refresh: token.refresh,
      claims: token.claims ?? {},
    },
    profile,
    accounts: extension.accounts,
    unknownIdentity: extension.unknownIdentity,
    caseSensitiveIdentity: extension.caseSensitiveIdentity === true,
    examples,
    successBody,
    provocationTexts: document.info["x-provocations"] ?? {},
    bodyLimitBytes,
    hooks: compilers.hooks ?? {},
  };
}

/** The provocation words whose meaning is fixed: outcomes a contract run can provoke. */
export const OUTCOME_WORDS = [
  "valid-login",
  "unknown-account",
  "wrong-secret",
  "challenge-rejected",
  "account-answer",
  "locked-out",
  "server-fault",
  "oversized-body",
  "malformed-body",
  "wrong-content-type",
] as const;

/** The verbs of the words derived from each request field: `omit-<field>`, … */
export const FIELD_VERBS = ["omit", "empty", "wrong-type", "malformed"] as const;

function isKnownWord(
  word: string,
  fields: readonly string[],
  explained: Readonly<Record<string, string>>,
): boolean {
  if ((OUTCOME_WORDS as readonly string[]).includes(word) || Object.hasOwn(explained, word))
    return true;
  return FIELD_VERBS.some(
    (verb) => word.startsWith(`${verb}-`) && fields.includes(word.slice(verb.length + 1)),
  );
}

/** The schema of the value at `pointer` in a body of `schema` (through properties and allOf). */
function readSchemaAt(schema: JsonSchema | undefined, pointer: string): JsonSchema | undefined {
  let node = schema;
  for (const raw of pointer.slice(1).split("/")) {
    if (!node) return undefined;
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = propertySchema(node, token);
  }
  return node;
}

function propertySchema(schema: JsonSchema, name: string): JsonSchema | undefined {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.hasOwn(properties, name)) return properties[name];
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    const found = propertySchema(part, name);
    if (found) return found;
  }
  return undefined;
}

/** `Acme Corp — Login` → `acme-corp-login`: an id when the block names none. */
export function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return /^[a-z]/.test(slug) ? slug : `api-${slug}`.slice(0, 32);
}

/** An Ajv error of the extension block as (problem, fix). */
function explainSchemaError(error: SpecValidationError): [string, string] {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return [
        `\`${String(params.missingProperty)}\` is missing`,
        `Add \`${String(params.missingProperty)}\` (docs/specs.md says what it holds).`,
      ];
    case "additionalProperties":
      return [
        `\`${String(params.additionalProperty)}\` is not a key of this block`,
        `Remove it, or check its spelling against docs/specs.md.`,
      ];
    case "enum":
      return [
        "the value is not one this key allows",
        `Use one of: ${((params.allowedValues as unknown[]) ?? []).map((value) => JSON.stringify(value)).join(", ")}.`,
      ];
    case "type": {
      const type = String(params.type);
      const article = /^[aeiou]/.test(type) ? "an" : "a";
      return [`the value is not ${article} ${type}`, `Write ${article} ${type} here.`];
    }
    case "pattern":
      return [
        `the value does not match ${String(params.pattern)}`,
        "Write a value of that form (a path starts with /, an id is lower-case kebab-case).",
      ];
    default:
      return [
        error.message ?? "the value is invalid",
        "See docs/specs.md for what this key takes.",
      ];
  }
}
