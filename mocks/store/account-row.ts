/**
 * The store's row: the mock's own fields (identity, secret, subject, a declared answer) around
 * the API's profile, which its spec's schema judges (precompiled for a preset, compiled at load
 * for a user's spec). The store cannot hold a profile the spec would reject.
 */
import type { SpecValidationError, SpecValidator } from "../../openapi/generated/validators.js";
import type { LoginApi } from "../../openapi/login-api.ts";

export interface Account {
  /**
   * As the store keys it (`identityKey`): trimmed and lower-cased, or exactly as declared when
   * the spec sets `caseSensitiveIdentity`.
   */
  readonly identity: string;
  readonly secret: string;
  /** The `sub` of the account's tokens. */
  readonly subject: string;
  readonly profile: Readonly<Record<string, unknown>>;
  /** The example the account answers with once its secret is right. */
  readonly answer?: string;
}

/** A validator of whole rows: the row's own fields by hand, the profile by the spec. */
export function accountRowValidator(api: LoginApi): SpecValidator<Account> {
  const validateProfile = api.profile?.validate;
  const check = (row: unknown): SpecValidationError[] => {
    if (row === null || typeof row !== "object") return [fault("", "type", "must be object")];
    const { identity, secret, subject, profile, answer } = row as Record<string, unknown>;
    const errors: SpecValidationError[] = [];
    for (const [name, value] of Object.entries({ identity, secret, subject })) {
      if (typeof value !== "string" || value === "")
        errors.push(fault(`/${name}`, "type", "must be a non-empty string"));
    }
    if (answer !== undefined && !api.examples.some((example) => example.name === answer))
      errors.push(fault("/answer", "enum", "must name one of the API's examples"));
    if (profile === null || typeof profile !== "object" || Array.isArray(profile)) {
      errors.push(fault("/profile", "type", "must be object"));
    } else if (validateProfile && !validateProfile(profile)) {
      for (const error of validateProfile.errors ?? [])
        errors.push({ ...error, instancePath: `/profile${error.instancePath}` });
    }
    return errors;
  };
  const validate = ((row: unknown) => {
    const errors = check(row);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as SpecValidator<Account> & { errors: readonly SpecValidationError[] | null };
  validate.errors = null;
  return validate;
}

function fault(instancePath: string, keyword: string, message: string): SpecValidationError {
  return { instancePath, schemaPath: "#", keyword, params: {}, message };
}
