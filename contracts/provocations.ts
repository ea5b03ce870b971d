/**
 * Turns the spec's provocation words (each example's `x-provoked-by`) into real requests for a
 * login API described as data (`LoginApi`). The fixed words (`valid-login`, `unknown-account`,
 * `wrong-secret`, …) use the fields the spec's `x-login-mock` block names; the field words are
 * derived from the request schema's own top-level properties: `omit-<field>`, `empty-<field>`,
 * `wrong-type-<field>` and `malformed-<field>`. Bodies are encoded as the spec documents them
 * (JSON, or a form when its first request media type is `application/x-www-form-urlencoded`).
 * The contract harness sends them to live servers; the mock's tests send them to the mock to
 * prove each response is reachable with data alone.
 */
import type { JsonSchema } from "../openapi/document.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import {
  FORM_MEDIA_TYPE,
  isJsonContentType,
  JSON_MEDIA_TYPE,
  mediaTypeEssence,
} from "../openapi/media-type.ts";

export interface ProvocationRequest {
  readonly contentType: string;
  readonly body: string;
}

/** An identity and its secret, as the login's request carries them. */
export interface Credentials {
  readonly identity: string;
  readonly secret: string;
}

/** What the requests need to know about the target's accounts. */
export interface ProvocationAccounts {
  /** A registered account that logs in. */
  readonly valid?: Credentials;
  /** A registered account whose state gives a documented answer of its own (`account-answer`). */
  readonly answer?: Credentials;
  /** A value of the spec's challenge field (a CAPTCHA token, say) the target accepts. */
  readonly challenge?: string;
  /** A value of the challenge field the target rejects. */
  readonly rejectedChallenge?: string;
  /** An identity no account has. */
  readonly unknownIdentity: string;
}

/** What the requests need to know about the target itself, from its spec. */
export interface ProvocationLimits {
  /** The largest body the target accepts (`x-body-limit-bytes` on the response that refuses more). */
  readonly bodyLimitBytes?: number | undefined;
}

export type Unreachable = {
  readonly unreachable: string;
  /** True when the caller could make it reachable by giving an account (a skip, not a gap). */
  readonly needsAccount?: boolean;
};

const FIELD_WORD = /^(omit|empty|wrong-type|malformed)-(.+)$/;

/** The secret sent where no account's is known: it logs nobody in. */
const PLACEHOLDER_SECRET = "login-mock-placeholder-secret";
/** The challenge value sent where none was given. */
const PLACEHOLDER_CHALLENGE = "login-mock-placeholder-challenge";

/** The request's fields as the API's spec names them: an object to encode. */
export type RequestFields = Record<string, unknown>;

/**
 * The field words an API's request schema gives: `omit-`, `empty-`, `wrong-type-` and
 * `malformed-<field>` for each top-level property, in the schema's order.
 */
export function fieldWords(api: LoginApi): string[] {
  return api.request.fields.flatMap((field) =>
    ["omit", "empty", "wrong-type", "malformed"].map((kind) => `${kind}-${field.name}`),
  );
}

/** Whether the API's body is a form (its first documented request media type). */
export function sendsForm(api: LoginApi): boolean {
  return mediaTypeEssence(api.request.mediaTypes[0]) === FORM_MEDIA_TYPE;
}

/** The Content-Type the harness sends a well-formed body with. */
export function requestContentType(api: LoginApi): string {
  if (sendsForm(api)) return FORM_MEDIA_TYPE;
  const first = api.request.mediaTypes[0];
  return first !== undefined && isJsonContentType(first) ? first : JSON_MEDIA_TYPE;
}

/** Fields encoded the way the API's spec documents its body. */
export function encodeFields(api: LoginApi, fields: RequestFields): ProvocationRequest {
  if (!sendsForm(api))
    return { contentType: requestContentType(api), body: JSON.stringify(fields) };
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(asSent(api, fields))) form.append(name, String(value));
  return { contentType: FORM_MEDIA_TYPE, body: form.toString() };
}

/**
 * A well-formed body: the given identity (else the unknown one), the given secret (else a
 * placeholder), the given challenge value (else a placeholder), and every other required field
 * with a value its schema allows (`buildBaseBody`).
 */
export function baseFields(api: LoginApi, accounts: ProvocationAccounts): RequestFields {
  return buildBaseBody(api, accounts).fields;
}

export interface BaseBody {
  readonly fields: RequestFields;
  /**
   * Set when the request schema refuses the body for a field the caller did not give: no valid
   * value could be made for it, so an answer that needs an otherwise valid body cannot be
   * provoked. Says which field and what to do.
   */
  readonly problem?: string;
}

/**
 * The base body and whether it is valid. Each required field the caller did not give takes the
 * first value the schema accepts of: the request body's own example's value (the media type's
 * `example`, else the first of its `examples`), then one made from the field's schema (its
 * `const`, `enum`, `default` or example, its object properties and array items, recursively,
 * a sample of its format). The secret and challenge placeholders come before the example's
 * values (they log nobody in). If the body is still invalid, the example's optional fields are
 * added; if even that fails, `problem` names the field.
 */
export function buildBaseBody(api: LoginApi, accounts: ProvocationAccounts): BaseBody {
  const { request } = api;
  const example = requestExample(api);
  const fromExample = (name: string) =>
    example !== undefined && Object.hasOwn(example, name) ? [example[name]] : [];
  const fields: RequestFields = {};
  const given = new Set<string>();
  const choices = new Map<string, unknown[]>();
  for (const field of request.fields) {
    const { name, schema } = field;
    let candidates: unknown[];
    if (name === request.identity) {
      fields[name] = accounts.valid?.identity ?? accounts.unknownIdentity;
      given.add(name);
      continue;
    }
    if (name === request.secret && accounts.valid) {
      fields[name] = accounts.valid.secret;
      given.add(name);
      continue;
    }
    if (name === request.challenge?.field && accounts.challenge !== undefined) {
      fields[name] = accounts.challenge;
      given.add(name);
      continue;
    }
    if (name === request.secret)
      candidates = [sampleValue(schema, PLACEHOLDER_SECRET), ...fromExample(name)];
    else if (name === request.challenge?.field)
      candidates = [sampleValue(schema, PLACEHOLDER_CHALLENGE), ...fromExample(name)];
    else if (field.required) candidates = [...fromExample(name), sampleValue(schema, "x")];
    else continue;
    fields[name] = candidates[0];
    choices.set(name, candidates);
  }
  // A value the schema refuses gives way to the next candidate (allErrors: faults elsewhere do
  // not hide this field's).
  for (const [name, candidates] of choices) {
    const fits = candidates.find(
      (candidate) => faultsWithin(api, { ...fields, [name]: candidate }, name).length === 0,
    );
    if (fits !== undefined) fields[name] = fits;
  }
  if (api.request.validate(asSent(api, fields))) return { fields };
  if (example !== undefined) {
    const fuller = { ...fields };
    for (const [name, value] of Object.entries(example))
      if (!Object.hasOwn(fuller, name) && !given.has(name)) fuller[name] = value;
    if (api.request.validate(asSent(api, fuller))) return { fields: fuller };
  }
  api.request.validate(asSent(api, fields));
  const faulty = new Set<string>();
  for (const error of api.request.validate.errors ?? []) {
    const top = error.instancePath.split("/")[1];
    const missing = (error.params as { missingProperty?: unknown }).missingProperty;
    const name =
      top !== undefined
        ? top.replace(/~1/g, "/").replace(/~0/g, "~")
        : error.keyword === "required" && typeof missing === "string"
          ? missing
          : undefined;
    if (name === undefined) faulty.add("");
    else if (!given.has(name)) faulty.add(name);
  }
  if (faulty.size === 0) return { fields };
  const named = [...faulty].map((name) => (name === "" ? "the body" : `\`${name}\``));
  return {
    fields,
    problem: `cannot build a valid body for ${named.join(", ")}: give the request an example (requestBody.content's \`example\` or \`examples\`)`,
  };
}

/**
 * The request body's own example as fields: the first documented media type's `example`, else
 * the first of its `examples`, else the same of the other media types; undefined when none is
 * an object.
 */
export function requestExample(api: LoginApi): RequestFields | undefined {
  const { method, path } = api.operation;
  const operation = api.document.paths[path]?.[method.toLowerCase()];
  const content = (operation?.requestBody?.content ?? {}) as Readonly<
    Record<string, Readonly<Record<string, unknown>>>
  >;
  const media = [
    ...api.request.mediaTypes.slice(0, 1),
    ...Object.keys(content).filter((type) => type !== api.request.mediaTypes[0]),
  ];
  for (const type of media) {
    const object = content[type];
    if (!object) continue;
    const examples = object.examples;
    const value =
      "example" in object
        ? object.example
        : examples !== null && typeof examples === "object"
          ? (Object.values(examples)[0] as { value?: unknown } | undefined)?.value
          : undefined;
    if (isPlainObject(value)) return value;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The request for `word`, or why it cannot be built for these accounts. Requests that need
 * no account use placeholders that are valid in form.
 */
export function buildProvocation(
  api: LoginApi,
  word: string,
  accounts: ProvocationAccounts,
  limits: ProvocationLimits = { bodyLimitBytes: api.bodyLimitBytes },
): ProvocationRequest | Unreachable {
  const { request } = api;
  const valid = accounts.valid;
  const base = baseFields(api, accounts);
  const encode = (fields: RequestFields) => encodeFields(api, fields);
  const flags = `--identity, --secret`;
  switch (word) {
    case "valid-login":
      return valid
        ? encode(base)
        : { unreachable: `no credentials given (${flags})`, needsAccount: true };
    case "unknown-account":
      return encode({ ...base, [request.identity]: accounts.unknownIdentity });
    case "wrong-secret":
      return valid
        ? encode({ ...base, [request.secret]: wrongSecret(api, base, valid.secret) })
        : { unreachable: `no registered identity given (${flags})`, needsAccount: true };
    case "account-answer":
      return accounts.answer
        ? encode({
            ...base,
            [request.identity]: accounts.answer.identity,
            [request.secret]: accounts.answer.secret,
          })
        : {
            unreachable:
              "no account that gives this answer was given (--answer-identity, --answer-secret)",
            needsAccount: true,
          };
    case "challenge-rejected":
      if (!request.challenge)
        return { unreachable: "the spec declares no challenge field (`x-login-mock.challenge`)" };
      return accounts.rejectedChallenge
        ? encode({ ...base, [request.challenge.field]: accounts.rejectedChallenge })
        : {
            unreachable: `a live \`${request.challenge.field}\` challenge cannot be made to fail on purpose without a known rejected value (--rejected-challenge)`,
          };
    case "locked-out":
      return {
        unreachable: "provoking a lockout would lock a real account; force it with Prefer",
      };
    case "server-fault":
      return { unreachable: "a healthy server has no request that makes it fail" };
    case "oversized-body": {
      if (limits.bodyLimitBytes === undefined)
        return {
          unreachable:
            "the spec gives no body limit (`x-body-limit-bytes` on the response that refuses a large body)",
        };
      // The unknown identity and a placeholder secret: a server with a larger limit that logs
      // this in anyway touches no real account.
      let padding = "padding";
      while (Object.hasOwn(base, padding) || request.fields.some((f) => f.name === padding))
        padding += "_";
      const { valid: _real, ...nobody } = accounts;
      return encode({
        ...baseFields(api, nobody),
        [padding]: "x".repeat(limits.bodyLimitBytes),
      });
    }
    case "malformed-body":
      if (sendsForm(api))
        return {
          unreachable: `every string parses as a form (${FORM_MEDIA_TYPE}), so no form body is malformed`,
        };
      // Cut off after the secret's name: the secret itself is never sent.
      return {
        contentType: requestContentType(api),
        body: `{${JSON.stringify(request.identity)}: ${JSON.stringify(base[request.identity])}, ${JSON.stringify(request.secret)}: `,
      };
    case "wrong-content-type":
      return { contentType: "text/plain", body: encode(base).body };
  }
  return buildFieldWord(api, word, base);
}

/** `omit-<field>`, `empty-<field>`, `wrong-type-<field>`, `malformed-<field>`, or unreachable. */
function buildFieldWord(
  api: LoginApi,
  word: string,
  base: RequestFields,
): ProvocationRequest | Unreachable {
  const match = FIELD_WORD.exec(word);
  const kind = match?.[1];
  const name = match?.[2] ?? "";
  const field = api.request.fields.find((candidate) => candidate.name === name);
  if (!kind || !field) {
    const explained = api.provocationTexts[word];
    if (explained !== undefined)
      return {
        unreachable: `"${word}" is this spec's own word (info.x-provocations: ${JSON.stringify(explained)}), not one login-mock can build a request for: only Prefer reaches it`,
      };
    return {
      unreachable: match
        ? `\`${name}\` is not a property of the request body's schema, so "${word}" names no field (properties: ${api.request.fields.map((f) => f.name).join(", ")})`
        : `no request is known for the provocation "${word}"`,
    };
  }
  const encode = (fields: RequestFields) => encodeFields(api, fields);
  switch (kind) {
    case "omit": {
      const { [name]: _removed, ...rest } = base;
      return encode(rest);
    }
    case "empty":
      return encode({ ...base, [name]: "" });
    case "wrong-type": {
      if (sendsForm(api))
        return {
          unreachable: `a form body (${FORM_MEDIA_TYPE}) carries only strings, so \`${name}\` cannot have the wrong type`,
        };
      const value = wrongTypeValue(field.schema);
      return value === NO_VALUE
        ? { unreachable: `the schema of \`${name}\` allows a value of any type` }
        : encode({ ...base, [name]: value });
    }
    default: {
      const format = field.schema.format;
      const pattern = field.schema.pattern;
      if (typeof format !== "string" && typeof pattern !== "string")
        return {
          unreachable: `\`${name}\` has no format or pattern in the spec, so no string of it is malformed`,
        };
      const value = malformedValue(api, base, name, field.schema);
      return value === undefined
        ? {
            unreachable: `no string breaking the ${typeof pattern === "string" ? "pattern" : "format"} of \`${name}\` was found that the spec's validator refuses`,
          }
        : encode({ ...base, [name]: value });
    }
  }
}

/** The fields as the server reads them: a form's values are strings. */
export function sentFields(api: LoginApi, fields: RequestFields): RequestFields {
  return asSent(api, fields);
}

function asSent(api: LoginApi, fields: RequestFields): RequestFields {
  if (!sendsForm(api)) return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      typeof value === "string" ? value : value === null ? "" : String(value),
    ]),
  );
}

/** Whether `fields` fault the schema at `name`, and how (the keywords of its errors there). */
function faultsAt(api: LoginApi, fields: RequestFields, name: string): string[] {
  const validate = api.request.validate;
  if (validate(asSent(api, fields))) return [];
  const at = `/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  return (validate.errors ?? [])
    .filter((error) => error.instancePath === at)
    .map((error) => error.keyword);
}

/** The errors of `fields` at `name` or anywhere inside its value (keywords). */
function faultsWithin(api: LoginApi, fields: RequestFields, name: string): string[] {
  const validate = api.request.validate;
  if (validate(asSent(api, fields))) return [];
  const at = `/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  return (validate.errors ?? [])
    .filter((error) => error.instancePath === at || error.instancePath.startsWith(`${at}/`))
    .map((error) => error.keyword);
}

/** A secret other than the account's that the schema still accepts as a secret. */
function wrongSecret(api: LoginApi, base: RequestFields, secret: string): string {
  const name = api.request.secret;
  const last = secret.slice(-1);
  const candidates = [
    `${secret}-wrong`,
    `wrong-${secret}`,
    `${secret.slice(0, -1)}${last === "x" ? "y" : "x"}`,
  ].filter((candidate) => candidate !== secret);
  return (
    candidates.find(
      (candidate) => faultsAt(api, { ...base, [name]: candidate }, name).length === 0,
    ) ?? `${secret}-wrong`
  );
}

/** A string the schema's validator refuses by the field's format or pattern, or undefined. */
function malformedValue(
  api: LoginApi,
  base: RequestFields,
  name: string,
  schema: JsonSchema,
): string | undefined {
  const format = typeof schema.format === "string" ? schema.format : "match";
  const article = /^[aeiou]/i.test(format) ? "an" : "a";
  const candidates = [`not-${article}-${format}`, "not valid [", "!", "0", "x", "a b", "-"];
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  for (const raw of candidates) {
    const candidate = (maxLength === undefined ? raw : raw.slice(0, maxLength)).padEnd(
      minLength,
      "x",
    );
    if (candidate === "") continue;
    const faults = faultsAt(api, { ...base, [name]: candidate }, name);
    if (faults.includes("format") || faults.includes("pattern")) return candidate;
  }
  return undefined;
}

const NO_VALUE = Symbol("no value");

/** A value of a JSON type the schema does not allow, or NO_VALUE when it allows any. */
function wrongTypeValue(schema: JsonSchema): unknown {
  const allowed = allowedTypes(schema);
  if (!allowed) return NO_VALUE;
  const candidates: [string, unknown][] = [
    ["integer", 12345],
    ["string", "12345"],
    ["boolean", true],
    ["array", []],
    ["object", {}],
    ["null", null],
  ];
  for (const [type, value] of candidates) {
    const taken = allowed.has(type) || (type === "integer" && allowed.has("number"));
    if (!taken) return value;
  }
  return NO_VALUE;
}

/** The JSON types a schema allows (from `type`, else its `const`/`enum`), or undefined for any. */
function allowedTypes(schema: JsonSchema): Set<string> | undefined {
  const type = schema.type;
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === "string"));
  const values =
    "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (!values) return undefined;
  return new Set(values.map(jsonTypeOf));
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * A value valid for a field's schema: its `const` or first `enum` value, else one made for its
 * type: a number or boolean the spec documents (`default`, example) or its minimum; an array of
 * `minItems` samples of its items; an object of samples of its required properties (each the
 * same way, recursively), unless the spec documents one; for a string, a sample of its format,
 * the spec's own `default` or example where a pattern constrains it, else `text` fitted to its
 * length bounds.
 */
function sampleValue(schema: JsonSchema, text: string, depth = 0): unknown {
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const documented =
    "default" in schema
      ? schema.default
      : Array.isArray(schema.examples) && schema.examples.length > 0
        ? schema.examples[0]
        : schema.example;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type =
    types.find((t) => t !== "null") ??
    types[0] ??
    (isPlainObject(schema.properties)
      ? "object"
      : isPlainObject(schema.items)
        ? "array"
        : undefined);
  switch (type) {
    case "integer":
    case "number": {
      if (typeof documented === "number") return documented;
      const minimum =
        typeof schema.minimum === "number"
          ? schema.minimum
          : typeof schema.exclusiveMinimum === "number"
            ? Math.floor(schema.exclusiveMinimum) + 1
            : undefined;
      return minimum ?? 1;
    }
    case "boolean":
      return typeof documented === "boolean" ? documented : true;
    case "array": {
      if (Array.isArray(documented)) return documented;
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      const items = isPlainObject(schema.items) ? (schema.items as JsonSchema) : {};
      if (depth >= MAX_SAMPLE_DEPTH) return [];
      return Array.from({ length: count }, () => sampleValue(items, text, depth + 1));
    }
    case "object": {
      if (isPlainObject(documented)) return documented;
      const properties = isPlainObject(schema.properties)
        ? (schema.properties as Record<string, JsonSchema>)
        : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      if (depth >= MAX_SAMPLE_DEPTH) return {};
      return Object.fromEntries(
        required.map((name) => [name, sampleValue(properties[name] ?? {}, "x", depth + 1)]),
      );
    }
    case "null":
      return null;
    case "string":
    case undefined:
      break;
    default:
      return documented;
  }
  const formatted = sampleOfFormat(schema.format);
  if (formatted !== undefined) return formatted;
  if (typeof schema.pattern === "string" && typeof documented === "string") return documented;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 1;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const fitted = text.padEnd(minLength, "x");
  return maxLength === undefined ? fitted : fitted.slice(0, maxLength);
}

/** How deep a made-up value nests (a schema may refer to itself). */
const MAX_SAMPLE_DEPTH = 8;

function sampleOfFormat(format: unknown): string | undefined {
  switch (format) {
    case "email":
    case "idn-email":
      return "login-mock-placeholder@example.com";
    case "uri":
    case "url":
    case "iri":
      return "https://example.com/";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    case "date":
      return "2000-01-01";
    case "date-time":
      return "2000-01-01T00:00:00Z";
    case "time":
      return "00:00:00Z";
    case "hostname":
      return "example.com";
    case "ipv4":
      return "192.0.2.1";
    case "ipv6":
      return "2001:db8::1";
    default:
      return undefined;
  }
}

export function isUnreachable(request: ProvocationRequest | Unreachable): request is Unreachable {
  return "unreachable" in request;
}
