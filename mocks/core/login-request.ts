/**
 * Judges a login body by the spec's own request schema (`components.schemas.LoginRequest`), so
 * the mock and the contract harness draw the same line: a body that fits the schema is never
 * answered as invalid input, one that does not always is. The validators are the ones
 * `npm run generate` precompiles with the harness's Ajv setup (openapi/schema-validator.ts),
 * its linear-time `format: email` included; they are small and need no compiler at run time.
 */
import type { Variant } from "../../openapi/documents.ts";
import {
  type SpecValidationError,
  validateSeamlessLoginRequest,
  validateTalkStackLoginRequest,
} from "../../openapi/generated/validators.js";
import type { SeamlessLoginRequest, TalkStackLoginRequest } from "../../openapi/types.ts";
import type { LoginFields } from "./request-data.ts";

export interface LoginRequests {
  readonly talkstack: TalkStackLoginRequest;
  readonly seamless: SeamlessLoginRequest;
}

export type LoginRequestCheck<V extends Variant> =
  | { readonly valid: true; readonly request: LoginRequests[V] }
  | { readonly valid: false; readonly faults: readonly SpecValidationError[] };

const VALIDATORS = {
  talkstack: validateTalkStackLoginRequest,
  seamless: validateSeamlessLoginRequest,
} as const;

/** The body as the spec's request type, or every way it fails the schema (Ajv's errors). */
export function checkLoginRequest<V extends Variant>(
  variant: V,
  fields: LoginFields,
): LoginRequestCheck<V> {
  const validate = VALIDATORS[variant];
  if (validate(fields)) return { valid: true, request: fields as LoginRequests[V] };
  return { valid: false, faults: [...(validate.errors ?? [])] };
}
