/**
 * Judges a login body by the API's own request schema, so the mock and the contract harness
 * draw the same line: a body that fits the schema is never answered as invalid input, one that
 * does not always is. A preset's validator is precompiled by `npm run generate` with the
 * harness's Ajv setup; a user's spec gets the same setup compiled at load.
 */
import type { SpecValidationError } from "../../../openapi/generated/validators.js";
import type { LoginApi } from "../../../openapi/login-api.ts";
import type { LoginFields } from "./request-data.ts";

export type LoginRequestCheck =
  | { readonly valid: true; readonly faults?: undefined }
  | { readonly valid: false; readonly faults: readonly SpecValidationError[] };

const VALID: LoginRequestCheck = { valid: true };

/** Valid, or every way the fields fail the schema (Ajv's errors). */
export function checkLoginRequest(api: LoginApi, fields: LoginFields): LoginRequestCheck {
  const validate = api.request.validate;
  if (validate(fields)) return VALID;
  return { valid: false, faults: [...(validate.errors ?? [])] };
}
