import { mediaTypeEssence } from "../../openapi/media-type.ts";
import { JWT_SHAPE } from "../jwt.ts";
import { parseSetCookie } from "../set-cookie.ts";
import type { Check, CheckInput } from "./check.ts";
import { statusFacts } from "./check.ts";

export const contentType: Check = {
  name: "content-type",
  needsRightStatus: true,
  rule: "The Content-Type is a media type the spec documents for the status (a framework's own 413 page is not judged: `x-framework-body`).",
  run(input) {
    const facts = statusFacts(input);
    if (!facts || facts.mediaTypes.length === 0) return null;
    const header = input.exchange.response.headers.get("content-type");
    if (isDocumentedMediaType(input)) return [];
    // A framework's own body (Express's HTML 413) is not the vendor's contract.
    if (facts.frameworkBody) return null;
    return [
      `Content-Type is ${header ? `"${header}"` : "missing"}; the spec documents ${facts.mediaTypes.join(", ")}`,
    ];
  },
};

export const responseSchema: Check = {
  name: "response-schema",
  needsRightStatus: true,
  rule: "The body validates against the schema the spec gives its status (Ajv, JSON Schema 2020-12).",
  run(input) {
    const facts = statusFacts(input);
    if (!facts || facts.mediaTypes.length === 0) return null;
    if (facts.frameworkBody && !isDocumentedMediaType(input)) return null;
    const { json, bodyText } = input.exchange.response;
    if (json === undefined) return [`the body is not JSON (${bodyText.length} bytes)`];
    const verdict = input.facts.validateBody(input.exchange.response.status, json);
    return verdict.valid ? [] : [...verdict.errors];
  },
};

export const sameStatusVariant: Check = {
  name: "same-status-variant",
  needsRightStatus: true,
  rule: "Where a status has several documented bodies, the one that came back is the expected one.",
  run({ exchange, expected, facts }) {
    const { status, json } = exchange.response;
    if (!expected || expected.status !== status || json === undefined) return null;
    const siblings = facts.examples.filter((example) => example.status === status);
    if (siblings.length < 2) return null;
    const { branches } = facts.validateBody(status, json);
    if (branches.includes(expected.name)) return [];
    const got = branches.length
      ? branches.map((name) => `"${name}"`).join(" and ")
      : "none of the documented bodies";
    return [`the ${status} body is ${got}; this request should get "${expected.name}"`];
  },
};

export const statusCodeMapping: Check = {
  name: "login-status",
  needsRightStatus: true,
  rule: "Where the operation has an `x-login-status-map`: the body's status code is the value the spec maps to this HTTP status (and to the expected case).",
  run({ exchange, expected, facts }) {
    const codes = facts.statusCodes;
    const { status, json } = exchange.response;
    if (!codes || json === null || typeof json !== "object") return null;
    // A status no code comes with (a 413 answered before the login handler runs).
    if (![...codes.toHttp.values()].includes(status)) return null;
    const key = codes.property;
    const codeOf = (body: unknown) =>
      body !== null && typeof body === "object"
        ? (body as Record<string, unknown>)[key]
        : undefined;
    const value = codeOf(json);
    const name = (v: number) => `${v} (${codes.names.get(v) ?? "unknown"})`;
    if (typeof value !== "number" || !Number.isInteger(value))
      return [`${key} is ${JSON.stringify(value)}, not an integer`];
    const violations: string[] = [];
    const mapped = codes.toHttp.get(value);
    if (mapped === undefined)
      violations.push(`${key} ${name(value)} is not a login outcome in x-login-status-map`);
    else if (mapped !== status)
      violations.push(`${key} ${name(value)} belongs with HTTP ${mapped}, not ${status}`);
    const wanted = codeOf(expected?.value);
    if (expected?.status === status && typeof wanted === "number" && wanted !== value)
      violations.push(`${key} is ${name(value)}; "${expected.name}" has ${name(wanted)}`);
    return violations;
  },
};

export const tokenNotInBody: Check = {
  name: "token-not-in-body",
  rule: "An API whose token travels in a cookie or a header: no body carries it, a `token` key, or anything JWT-shaped.",
  run({ exchange, facts }) {
    const placement = facts.token.placement;
    if (placement.in === "body") return null;
    const { bodyText, json, setCookies, headers } = exchange.response;
    const violations: string[] = [];
    const carried =
      placement.in === "cookie"
        ? setCookies.map((line) => parseSetCookie(line)?.value ?? "")
        : [headers.get(placement.header) ?? ""];
    for (const value of carried) {
      if (value.length >= 8 && bodyText.includes(value))
        violations.push(`the body contains the ${placement.in}'s token value`);
    }
    if (JWT_SHAPE.test(bodyText)) violations.push("the body contains a JWT-shaped string");
    const keyPath = findKey(json, "token");
    if (keyPath) violations.push(`the body has a \`token\` key at ${keyPath}`);
    return violations;
  },
};

function findKey(value: unknown, key: string, path = ""): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  for (const [name, inner] of Object.entries(value)) {
    const here = `${path}/${name}`;
    if (name === key) return here;
    const found = findKey(inner, key, here);
    if (found) return found;
  }
  return undefined;
}

function isDocumentedMediaType(input: CheckInput): boolean {
  return isOneOfMediaTypes(
    input.exchange.response.headers.get("content-type"),
    statusFacts(input)?.mediaTypes,
  );
}

/** Whether a Content-Type header's media type (parameters dropped) is one of `mediaTypes`. */
export function isOneOfMediaTypes(
  contentType: string | undefined,
  mediaTypes: readonly string[] | undefined,
): boolean {
  return contentType !== undefined && mediaTypes?.includes(mediaTypeEssence(contentType)) === true;
}
