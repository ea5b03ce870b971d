/**
 * The checks' names, in report order, without the checks themselves: the CLI validates
 * `--skip-check` with this list and stays light (the checks load Ajv). A test keeps it in step
 * with `CHECKS`.
 */
export const CHECK_NAMES = [
  "not-a-server-error",
  "status-code",
  "content-type",
  "response-schema",
  "same-status-variant",
  "response-headers",
  "set-cookie",
  "token-not-in-body",
  "jwt",
  "jwt-freshness",
  "login-status",
  "negative-data-rejection",
  "response-time",
] as const;
