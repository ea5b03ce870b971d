/**
 * What a session's login requests looked like, for QA and e2e tests: when, which variant, the
 * status and scenario served, and for each field of the spec's `LoginRequest` whether it was
 * there and whether it fits the schema. Never a value: no password, reCAPTCHA value, token or
 * cookie can be in it, because only those two booleans per field are ever stored.
 */

import type { Variant } from "../../../openapi/documents.ts";
import type { SpecValidationError } from "../../../openapi/generated/validators.js";
import type { LoginApi, RequestField } from "../../../openapi/login-api.ts";
import type { LoginFields } from "../pipeline/request-data.ts";

/** How many requests a session's journal keeps; older ones are dropped. */
export const JOURNAL_CAPACITY = 100;

/**
 * How many of an invalid body's schema faults one entry keeps at most. Only the faults a field
 * report reads are kept (one per declared field: a `required` fault naming it, or the first
 * fault at `/<field>`), so a body of thousands of unknown keys under `additionalProperties:
 * false` costs an entry no more than this. A spec whose body fails in more declared fields at
 * once than this reports the fields past it as present and well formed.
 */
export const MAX_JOURNAL_FAULTS = 32;

export type JournalOperation = "login" | "refresh" | "logout";

export interface FieldReport {
  readonly present: boolean;
  /** Present and valid by the spec's schema for that field. */
  readonly wellFormed: boolean;
}

export interface JournalEntry {
  /** The session's time (its mock clock) when the request was answered, ISO 8601. */
  readonly time: string;
  readonly variant: Variant;
  /** Which of the API's operations: the login, or the refresh or logout its spec names. */
  readonly operation: JournalOperation;
  readonly method: string;
  /**
   * The spec path or alias (`x-login-mock.aliases`) the request came in on, as the spec writes
   * it: a template stays a template. The operation's path when the adapter names none.
   */
  readonly path: string;
  /** The status sent, or null when none was (the network-error and no-response faults). */
  readonly status: number | null;
  /** The example or fault served, or null when the request was refused (unknown scenario). */
  readonly scenario: string | null;
  /** One report per property of the operation's request body schema. */
  readonly fields: Readonly<Record<string, FieldReport>>;
}

const NONE_SENT: readonly string[] = [];

/** The optional `LoginRequest` properties a body holds (none when every one is required). */
export function optionalFieldsSent(api: LoginApi, fields: LoginFields): readonly string[] {
  let sent = NONE_SENT;
  for (const { name, required } of api.request.fields) {
    // Ajv's own test for a present property: not undefined.
    if (!required && fields[name] !== undefined) sent = [...sent, name];
  }
  return sent;
}

/** A `required` fault of the body itself (not of a nested object) naming `name` missing. */
function isMissing(fault: SpecValidationError, name: string): boolean {
  return (
    fault.keyword === "required" &&
    fault.instancePath === "" &&
    fault.params.missingProperty === name
  );
}

/** The instance path of the body's property `name`, as Ajv writes it (a JSON pointer). */
function fieldPath(name: string): string {
  return `/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

/**
 * What an entry keeps of a body's faults: only those a field report reads (a declared field
 * missing, or a fault at a declared field's own path), the first of each per field, at most
 * MAX_JOURNAL_FAULTS. Ajv with `allErrors` reports every unknown key of a closed schema, and
 * the rest of its faults are not needed to tell present from well formed.
 */
export function journalFaults(
  fields: readonly RequestField[],
  faults: readonly SpecValidationError[],
): readonly SpecValidationError[] {
  const kept: SpecValidationError[] = [];
  const paths = fields.map(({ name }) => fieldPath(name));
  const decided = new Set<number>();
  for (const fault of faults) {
    for (const [index, { name }] of fields.entries()) {
      if (decided.has(index)) continue;
      if (fault.instancePath === paths[index] || isMissing(fault, name)) {
        decided.add(index);
        kept.push(fault);
        break;
      }
    }
    // Every field decided, or the cap reached: no later fault changes a report.
    if (decided.size === fields.length || kept.length === MAX_JOURNAL_FAULTS) break;
  }
  return kept;
}

function fieldReports(recorded: Recorded): Record<string, FieldReport> {
  // Null prototype: a field may be called `constructor` (or `__proto__`).
  const reports: Record<string, FieldReport> = Object.create(null);
  const faults = recorded.faults ?? [];
  for (const { name, required } of recorded.fields) {
    const present = required
      ? !faults.some((fault) => isMissing(fault, name))
      : recorded.optionalSent.includes(name);
    const path = fieldPath(name);
    const wellFormed = present && !faults.some((fault) => fault.instancePath === path);
    reports[name] = { present, wellFormed };
  }
  return reports;
}

/**
 * What an entry keeps of the body: the schema's verdict (Ajv's faults name keywords and paths,
 * never values) and which optional properties were sent. A required property is present unless
 * a `required` fault says otherwise, so recording a login does no work per field; the reports
 * are worked out when someone reads the journal.
 */
export interface Recorded {
  readonly timeMs: number;
  readonly variant: Variant;
  readonly operation: JournalOperation;
  readonly method: string;
  readonly path: string;
  /** The API's request fields, in its spec's order (shared, never copied). */
  readonly fields: readonly RequestField[];
  readonly status: number | null;
  readonly scenario: string | null;
  /** null: the body fits the spec's `LoginRequest`; else what `journalFaults` keeps of them. */
  readonly faults: readonly SpecValidationError[] | null;
  readonly optionalSent: readonly string[];
}

export class RequestJournal {
  readonly capacity: number;
  // A ring: `next` is where the next entry goes; `size` how many are held.
  readonly #slots: (Recorded | undefined)[];
  #next = 0;
  #size = 0;

  constructor(capacity = JOURNAL_CAPACITY) {
    this.capacity = capacity;
    this.#slots = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  record(entry: Recorded): void {
    this.#slots[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The newest `limit` entries, newest first. */
  entries(limit = this.capacity): JournalEntry[] {
    const count = Math.max(0, Math.min(limit, this.#size));
    const list: JournalEntry[] = [];
    for (let back = 1; back <= count; back++) {
      const recorded = this.#slots[(this.#next - back + this.capacity) % this.capacity];
      if (recorded) list.push(expand(recorded));
    }
    return list;
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }
}

function expand(recorded: Recorded): JournalEntry {
  return {
    time: new Date(recorded.timeMs).toISOString(),
    variant: recorded.variant,
    operation: recorded.operation,
    method: recorded.method,
    path: recorded.path,
    status: recorded.status,
    scenario: recorded.scenario,
    fields: fieldReports(recorded),
  };
}
