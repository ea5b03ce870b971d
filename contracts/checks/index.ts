/** Every check, in the order reports list them. */
import {
  contentType,
  responseSchema,
  sameStatusVariant,
  statusCodeMapping,
  tokenNotInBody,
} from "./body-checks.ts";
import type { Check } from "./check.ts";
import { responseHeaders, setCookieContract } from "./header-checks.ts";
import { jwtContract, jwtFreshness } from "./jwt-checks.ts";
import {
  negativeDataRejection,
  notAServerError,
  responseTime,
  statusCode,
} from "./status-checks.ts";

export type { Check, CheckInput, CheckSettings } from "./check.ts";

export const CHECKS: readonly Check[] = [
  notAServerError,
  statusCode,
  contentType,
  responseSchema,
  sameStatusVariant,
  responseHeaders,
  setCookieContract,
  tokenNotInBody,
  jwtContract,
  jwtFreshness,
  statusCodeMapping,
  negativeDataRejection,
  responseTime,
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((check) => check.name);
