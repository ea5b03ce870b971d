/**
 * What the precompiled validators (`generated/validators.js`) call at run time, in place of the
 * CommonJS `require("ajv/dist/runtime/…")` and `require("ajv-formats/dist/formats")` that Ajv's
 * standalone code would emit: those cannot load in Node's ESM and bring all of ajv-formats
 * (about 2 kB gzip) into the browser for the one format we use. Each function is a copy of the
 * Ajv / ajv-formats original (MIT); test/spec-validators.test.ts checks they still agree.
 * `EMAIL_FORMAT` is the exception: the project's own `email`, which `createSchemaValidator`
 * registers in place of ajv-formats' (see its comment).
 * Plain JavaScript so that generated JavaScript can import it in Node and in any bundler.
 */

/**
 * `format: email`, for the contract harness and the mock alike: RFC 5321's Mailbox without its
 * rare forms (quoted local parts, address literals). The local part is a dot-atom (ajv-formats'
 * full mode: no leading, trailing or doubled dot); the domain is one or more host labels of 1–63
 * letters, digits and inner hyphens (ajv-formats' fast mode), so `0@io` and `a@localhost` are
 * addresses, as the RFC says. Neither ajv-formats mode alone fits: full mode demands a dot in the
 * domain, fast mode lets `.a..b.@c` through. Every repetition is delimited by a character the
 * one before it cannot match, and each label is bounded, so matching is linear in the input:
 * no backtracking blow-up on hostile input (test/regex-worst-case.test.ts times it at 100 kB).
 */
export const EMAIL_FORMAT =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Length in code points, as JSON Schema counts `minLength` (Ajv's `ucs2length`). */
export function ucs2length(text) {
  const length = text.length;
  let count = 0;
  let position = 0;
  while (position < length) {
    count++;
    const code = text.charCodeAt(position++);
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && position < length) {
      if ((text.charCodeAt(position) & 0xfc00) === 0xdc00) position++;
    }
  }
  return count;
}

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const DATE_TIME_SEPARATOR = /t|\s/i;

function isFullDate(text) {
  const matches = DATE.exec(text);
  if (!matches) return false;
  const year = +matches[1];
  const month = +matches[2];
  const day = +matches[3];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]);
}

function isFullTime(text) {
  const matches = TIME.exec(text);
  if (!matches) return false;
  const hour = +matches[1];
  const minute = +matches[2];
  const second = +matches[3];
  const sign = matches[5] === "-" ? -1 : 1;
  const zoneHours = +(matches[6] || 0);
  const zoneMinutes = +(matches[7] || 0);
  // RFC 3339 date-time requires an offset (ajv-formats' strictTimeZone).
  if (zoneHours > 23 || zoneMinutes > 59 || !matches[4]) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second is 23:59:60 in UTC, whatever the offset says.
  const utcMinute = minute - zoneMinutes * sign;
  const utcHour = hour - zoneHours * sign - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
  );
}

/**
 * The formats the specs use that are functions in ajv-formats' `fullFormats`, in its shape
 * (`{ validate }`). Formats that are regular expressions (`email`, above) Ajv inlines itself.
 */
export const validatorFormats = {
  "date-time": {
    validate(text) {
      const parts = text.split(DATE_TIME_SEPARATOR);
      return parts.length === 2 && isFullDate(parts[0]) && isFullTime(parts[1]);
    },
  },
};
