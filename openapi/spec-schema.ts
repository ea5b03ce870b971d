/**
 * Standard Schema (https://standardschema.dev) over the precompiled spec validators, so whatever
 * accepts a Standard Schema (@msw/data collections first) checks values against the spec itself,
 * not against a second description of it. Validation is synchronous, and typed so: a caller that
 * needs the answer now (the user store, whose interface is synchronous) gets it without awaiting.
 *
 * @example
 * import { Collection } from "@msw/data";
 * const users = new Collection({ schema: specSchema(api.profile.validate) });
 */
import type { SpecValidationError, SpecValidator } from "./generated/validators.js";
import type { StandardSchemaV1 } from "./standard-schema.ts";

export interface SpecSchema<T> extends StandardSchemaV1<T> {
  readonly "~standard": Omit<StandardSchemaV1.Props<T>, "validate"> & {
    readonly validate: (value: unknown) => StandardSchemaV1.Result<T>;
  };
}

export function specSchema<T>(validate: SpecValidator<T>): SpecSchema<T> {
  return {
    "~standard": {
      version: 1,
      vendor: "login-mock",
      validate(value) {
        if (validate(value)) return { value };
        return { issues: (validate.errors ?? []).map((error) => toIssue(error, value)) };
      },
    },
  };
}

/** Issues as `path message` lines, for error messages: `profile.email must match format "email"`. */
export function describeIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((segment) =>
        typeof segment === "object" ? String(segment.key) : String(segment),
      );
      return `${path.length ? path.join(".") : "(root)"} ${issue.message}`;
    })
    .join("; ");
}

function toIssue(error: SpecValidationError, root: unknown): StandardSchemaV1.Issue {
  const path: PropertyKey[] = [];
  let node = root;
  const pointer = error.instancePath ? error.instancePath.slice(1).split("/") : [];
  for (const escaped of pointer) {
    const key = escaped.replaceAll("~1", "/").replaceAll("~0", "~");
    // Ajv's pointer does not tell an array index from a key; the value does.
    path.push(Array.isArray(node) ? Number(key) : key);
    node = node !== null && typeof node === "object" ? Reflect.get(node, key) : undefined;
  }
  // These two name the property at fault in params only; the path should reach it.
  const property = error.params.missingProperty ?? error.params.additionalProperty;
  if (typeof property === "string") path.push(property);
  return { message: error.message ?? `fails "${error.keyword}"`, path };
}
