/**
 * A login API as data: everything the mock, the server, the contract harness and the CLI need
 * to know about one login API, read from its dereferenced OpenAPI document and the operation's
 * `x-login-mock` block (login-extension.ts). Nothing downstream reads the document for
 * behaviour again, and nothing downstream names an API: built-in presets and a user's own spec
 * go through this same reader. Runtime-free; the browser bundle uses it.
 */

import { accountProfile, exampleProfile, foldIdentity } from "./account-rules.ts";
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
import {
  type LogoutOperation,
  type RefreshOperation,
  readLogoutOperation,
  readRefreshOperation,
} from "./session-operations.ts";

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
  /** The operation that exchanges a refresh token, if the spec names one. */
  readonly refresh: RefreshOperation | undefined;
  /** The operation that ends a login, if the spec names one. */
  readonly logout: LogoutOperation | undefined;
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
  /**
   * A validator for a schema of this document (the request body's; the profile's). `mediaType`
   * is the request body's first media type: a form's fields all arrive as strings.
   */
  readonly compile: (
    schema: JsonSchema,
    role: "request" | "profile" | "session-request",
    mediaType?: string,
  ) => SpecValidator | undefined;
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
      errors.find((candidate) => candidate.keyword === "additionalProperties") ??
      errors.find((candidate) => candidate.keyword === "propertyNames") ??
      errors[0];
    if (!error) return fail(at, "the block is invalid", "See docs/specs.md for its keys.");
    return fail(`${at}${error.instancePath}`, ...explainSchemaError(error));
  }
  const extension = raw as LoginExtension;
  checkServedPath(path, pointerOf("paths", path), "path", fail);
  (extension.aliases ?? []).forEach((alias, index) => {
    checkServedPath(alias, `${at}/aliases/${index}`, "alias", fail);
  });

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
  // The store keys accounts by the identity and compares secrets and challenges as strings.
  const requireStringField = (name: string, key: string) => {
    requireField(name, key);
    const type = properties[name]?.type;
    if (type !== "string") {
      fail(
        `${at}/${key}`,
        `"${name}" is ${type === undefined ? "of no declared type" : `of type ${JSON.stringify(type)}`} in the request body's schema, not a string`,
        `Give "${name}" \`type: string\` in the request body's schema (login-mock keys accounts by the identity and compares the secret and the challenge as strings), or name a string field.`,
      );
    }
  };
  requireStringField(extension.identity, "identity");
  requireStringField(extension.secret, "secret");
  if (extension.challenge) requireStringField(extension.challenge.field, "challenge/field");

  const examples = listOperationExamples(operation);
  const examplePointer = (example: ResponseExample) =>
    pointerOf(
      "paths",
      path,
      method,
      "responses",
      String(example.status),
      "content",
      example.mediaType,
      "examples",
      example.name,
    );
  const firstByName = new Map<string, ResponseExample>();
  for (const example of examples) {
    const first = firstByName.get(example.name);
    if (first) {
      fail(
        examplePointer(example),
        `a second response example is named "${example.name}" (the first is under ${first.status} ${first.mediaType})`,
        "Give each response example of the login operation its own name: outcomes and scenarios name one example.",
      );
    }
    firstByName.set(example.name, example);
  }
  const names = examples.map((example) => example.name);
  const requireExample = (name: string, pointer: string) => {
    if (!names.includes(name)) {
      fail(
        `${at}${pointer}`,
        `no response example of this operation is named "${name}"`,
        `Name one of: ${names.join(", ")}, or add an example by that name. Examples under a \`default\` or range (\`4XX\`) response cannot be served (they have no status): document them under a numeric status such as 401.`,
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
      fail(
        `${examplePointer(example)}/x-provoked-by/${index}`,
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
    const found = Object.entries(successResponse?.headers ?? {}).find(
      ([, header]) => header["x-cookie"]?.name === name,
    );
    if (!found) {
      return fail(
        `${at}/token/cookie`,
        `the success response documents no Set-Cookie header with an x-cookie named "${name}"`,
        "Document the Set-Cookie header on the success response with `x-cookie: { name, value: jwt, httpOnly, secure, sameSite, path, maxAgeSeconds }`.",
      );
    }
    const [headerName, header] = found;
    const contract = header["x-cookie"] as CookieContract;
    checkCookieContract(
      contract,
      pointerOf(
        "paths",
        path,
        method,
        "responses",
        String(success.status),
        "headers",
        headerName,
        "x-cookie",
      ),
      fail,
    );
    placement = { in: "cookie", cookie: contract };
    documentedLifetime = contract.maxAgeSeconds;
  } else {
    const header = (token.header as string).toLowerCase();
    if (isReservedHeader(header)) {
      return fail(
        `${at}/token/header`,
        `the response header "${token.header}" is one the mock or HTTP itself sets`,
        `Name a header of the API's own (e.g. \`x-auth-token\`): not ${RESERVED_HEADERS.join(", ")}.`,
      );
    }
    placement = { in: "header", header };
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
    const profileAt = extension.profile.pointer;
    requireInSuccess(profileAt, "profile/pointer");
    // What the mock reads or writes in an account's profile must be in the example's profile,
    // which every account of a user's spec starts from.
    const requireInProfile = (
      pointer: string,
      key: string,
      kind?: { type: "number" | "string"; because: string },
    ) => {
      const value = readPointer(successBody, profileAt + pointer);
      if (value === undefined) {
        fail(
          `${at}/${key}`,
          `the success example "${success.name}" has no value at ${profileAt}${pointer} (${pointer} in its profile at ${profileAt})`,
          `Point into the profile the success example shows${profileKeysText(readPointer(successBody, profileAt))}, or add the value to the example.`,
        );
      }
      if (kind && typeof value !== kind.type) {
        fail(
          `${at}/${key}`,
          `the success example's profile holds ${JSON.stringify(value)} at ${pointer}, not a ${kind.type}`,
          `Point at a ${kind.type} of the profile: ${kind.because}.`,
        );
      }
    };
    if (extension.profile.identity)
      requireInProfile(extension.profile.identity, "profile/identity");
    if (extension.profile.subject) requireInProfile(extension.profile.subject, "profile/subject");
    (extension.profile.onLogin ?? []).forEach((update, index) => {
      requireInProfile(
        update.pointer,
        `profile/onLogin/${index}/pointer`,
        update.set === "increment"
          ? { type: "number", because: "`increment` counts it up" }
          : { type: "string", because: "`now` writes an ISO date-time string there" },
      );
    });
    for (const [claim, pointer] of Object.entries(token.claims ?? {})) {
      requireInProfile(pointer, `token/claims${pointerOf(claim)}`);
    }
    const profileSchema = readSchemaAt(success.schema, profileAt);
    profile = {
      pointer: extension.profile.pointer,
      identity: extension.profile.identity,
      subject: extension.profile.subject,
      onLogin: extension.profile.onLogin ?? [],
      validate: profileSchema ? compilers.compile(profileSchema, "profile") : undefined,
    };
  } else {
    const [claim] = Object.keys(token.claims ?? {});
    if (claim !== undefined) {
      return fail(
        `${at}/token/claims${pointerOf(claim)}`,
        "claims are read from the account's profile, and the block has no `profile`",
        "Add `profile: { pointer: <where the success example shows the account> }`, or remove the claims.",
      );
    }
  }

  // As the store keys identities (mocks/store/seed.ts identityKey): the same folding here, so
  // what is refused here is what would collide there.
  const identityKey = (identity: string) =>
    foldIdentity(identity, extension.caseSensitiveIdentity === true);
  const seen = new Set<string>();
  extension.accounts.forEach((account, index) => {
    const key = identityKey(account.identity);
    if (key === "") {
      fail(
        `${at}/accounts/${index}/identity`,
        "the identity is only spaces, and identities are matched trimmed",
        "Give the account a non-blank identity.",
      );
    }
    if (seen.has(key)) {
      fail(
        `${at}/accounts/${index}/identity`,
        `"${account.identity}" is declared twice`,
        "Give each demo account its own identity.",
      );
    }
    seen.add(key);
  });
  if (seen.has(identityKey(extension.unknownIdentity))) {
    fail(
      `${at}/unknownIdentity`,
      `"${extension.unknownIdentity}" is a demo account`,
      "Pick an identity no account has.",
    );
  }

  const validate = compilers.compile(schema, "request", requestMedia);
  if (!validate) {
    return fail(requestPointer, "the request schema could not be compiled", "Check its keywords.");
  }

  // A user's spec seeds each account with the example's profile, its own keys laid over it:
  // refused here if the store would refuse it when it seeds.
  const validateProfile = profile?.validate;
  if (!compilers.hooks && profile && validateProfile) {
    extension.accounts.forEach((account, index) => {
      const seeded = accountProfile(
        exampleProfile(successBody, profile.pointer),
        account.profile,
        profile.identity,
        identityKey(account.identity),
      );
      if (!validateProfile(seeded)) {
        fail(
          `${at}/accounts/${index}/profile`,
          `the profile the mock seeds for "${account.identity}" (the success example's profile at ${profile.pointer}, this account's \`profile\` keys laid over it, the identity written at ${profile.identity ?? "no pointer"}) does not fit the profile's schema: ${describeFaults(validateProfile.errors)}`,
          "Give the account `profile` values that fit the schema (or fix the success example's profile, which every account starts from).",
        );
      }
    });
  }

  const operations = {
    document,
    at,
    login: { method, path },
    fail,
    compile: (body: JsonSchema, mediaType: string) =>
      compilers.compile(body, "session-request", mediaType),
  };
  // A login alias that only adds leading slashes (`//auth/login`) adds them to these too.
  const slashes = (extension.aliases ?? [])
    .filter((alias) => alias !== path && alias.replace(/^\/+/, "/") === path)
    .map((alias) => alias.slice(0, alias.length - path.length));
  const withSlashes = <T extends { readonly path: string }>(read: T): T => ({
    ...read,
    paths: [read.path, ...slashes.map((prefix) => `${prefix}${read.path}`)],
  });
  const refresh = extension.refresh
    ? withSlashes(readRefreshOperation(extension.refresh, token, operations))
    : undefined;
  const logout = extension.logout
    ? withSlashes(readLogoutOperation(extension.logout, operations))
    : undefined;
  if (refresh && logout && refresh.method === logout.method && refresh.path === logout.path) {
    fail(
      `${at}/logout/operation`,
      `${logout.method} ${logout.path} is also the refresh operation`,
      "Name two operations: every request to one METHOD /path is answered by one of them.",
    );
  }

  let bodyLimitBytes: number | undefined;
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!Object.hasOwn(response, "x-body-limit-bytes")) continue;
    const limit = response["x-body-limit-bytes"];
    if (
      !Number.isInteger(limit) ||
      (limit as number) < 1 ||
      (limit as number) > MAX_BODY_LIMIT_BYTES
    ) {
      fail(
        pointerOf("paths", path, method, "responses", status, "x-body-limit-bytes"),
        `the body limit ${JSON.stringify(limit)} is not a whole number of bytes from 1 to ${MAX_BODY_LIMIT_BYTES}`,
        `Write the largest body the server accepts in bytes, an integer from 1 to ${MAX_BODY_LIMIT_BYTES} (10 MiB), e.g. 102400.`,
      );
    }
    bodyLimitBytes ??= limit;
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
    refresh,
    logout,
    examples,
    successBody,
    provocationTexts: document.info["x-provocations"] ?? {},
    bodyLimitBytes,
    hooks: compilers.hooks ?? {},
  };
}

/** The largest `x-body-limit-bytes` a spec may document: 10 MiB. */
export const MAX_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Response headers the token may not go in: the mock's own, and those HTTP or CORS manage. */
export const RESERVED_HEADERS = [
  "x-mock-*",
  "set-cookie",
  "content-*",
  "access-control-*",
  "vary",
  "connection",
  "transfer-encoding",
  "date",
] as const;

function isReservedHeader(name: string): boolean {
  return RESERVED_HEADERS.some((reserved) =>
    reserved.endsWith("*") ? name.startsWith(reserved.slice(0, -1)) : name === reserved,
  );
}

/** The control API's prefix (server/control-request.ts CONTROL_PREFIX). */
const CONTROL_PREFIX = "/__mock";

/** RFC 3986 path characters, written as is, plus `{}` for templated segments. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/{}]*$/;

/** Refuses a login path or alias the server could not route to the login. */
function checkServedPath(
  path: string,
  pointer: string,
  what: "path" | "alias",
  fail: (pointer: string, problem: string, fix: string) => never,
): void {
  if (!path.startsWith("/")) {
    fail(
      pointer,
      `the ${what} ${JSON.stringify(path)} does not start with /`,
      "Write the path from its leading /, e.g. /auth/login.",
    );
  }
  // The server routes `//__mock…` (a base URL's trailing slash) to the control API too.
  const collapsed = path.replace(/^\/+/, "/");
  if (collapsed === CONTROL_PREFIX || collapsed.startsWith(`${CONTROL_PREFIX}/`)) {
    fail(
      pointer,
      `the ${what} ${path} is under ${CONTROL_PREFIX}, which the mock's control API answers`,
      `Serve the login at a path outside ${CONTROL_PREFIX}/.`,
    );
  }
  if (!PATH_CHARACTERS.test(path)) {
    fail(
      pointer,
      `the ${what} ${JSON.stringify(path)} has a character a request would percent-encode (a space, \`%\`, a non-ASCII letter, …), so no request path would match it as written`,
      "Write the path with letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ / only (a `{name}` segment for a parameter).",
    );
  }
}

/** Refuses an `x-cookie` the mock could not set the token cookie from. */
function checkCookieContract(
  contract: CookieContract,
  pointer: string,
  fail: (pointer: string, problem: string, fix: string) => never,
): void {
  const cookie = contract as unknown as Record<string, unknown>;
  const faults: string[] = [];
  if (typeof cookie.path !== "string") faults.push("`path` a string (e.g. /)");
  if (!["Strict", "Lax", "None"].includes(cookie.sameSite as string))
    faults.push("`sameSite` one of Strict, Lax, None");
  if (typeof cookie.httpOnly !== "boolean") faults.push("`httpOnly` true or false");
  if (typeof cookie.secure !== "boolean") faults.push("`secure` true or false");
  const maxAge = cookie.maxAgeSeconds;
  if (!Number.isInteger(maxAge) || (maxAge as number) < 1)
    faults.push("`maxAgeSeconds` a whole number of seconds, at least 1");
  if (faults.length > 0) {
    fail(
      pointer,
      `the token cookie's x-cookie does not say every attribute the mock sets it with`,
      `Give it ${faults.join("; ")}.`,
    );
  }
}

/** A validator's errors in words: `/email must match format "email"; (root) must have …`. */
function describeFaults(errors: readonly SpecValidationError[] | null | undefined): string {
  const words = (errors ?? []).map(
    (error) => `${error.instancePath || "(root)"} ${error.message ?? `fails "${error.keyword}"`}`,
  );
  return words.length > 0 ? words.join("; ") : "it is invalid";
}

/** `: its keys are /a, /b` for an object, or nothing, to end a sentence with. */
function profileKeysText(profile: unknown): string {
  if (profile === null || typeof profile !== "object" || Array.isArray(profile)) return "";
  const keys = Object.keys(profile).map((key) => pointerOf(key));
  return keys.length > 0 ? ` (its keys: ${keys.join(", ")})` : "";
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
    case "propertyNames":
      // Only `token.claims` constrains its keys.
      return [
        `\`${String(params.propertyName)}\` cannot be a claim of the spec's`,
        "Remove it: the mock sets `sub`, `iat`, `exp` and `nbf` itself, and `__proto__` names no claim.",
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
