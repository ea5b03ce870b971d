/**
 * What a session's login requests looked like, for QA and e2e tests: when, which variant, the
 * status and scenario served, and for each field of the spec's `LoginRequest` whether it was
 * there and whether it fits the schema. Never a value: no password, reCAPTCHA value, token or
 * cookie can be in it, because only those two booleans per field are ever stored.
 */

import type { JsonSchema } from "../../openapi/document.ts";
import { LOGIN_PATH, type Variant } from "../../openapi/documents.ts";
import type { SpecValidationError } from "../../openapi/generated/validators.js";
import type { LoginFields } from "./request-data.ts";
import { SPEC_DOCUMENTS } from "./spec-documents.ts";

/** How many requests a session's journal keeps; older ones are dropped. */
export const JOURNAL_CAPACITY = 100;

export interface FieldReport {
  readonly present: boolean;
  /** Present and valid by the spec's schema for that field. */
  readonly wellFormed: boolean;
}

export interface JournalEntry {
  /** The session's time (its mock clock) when the request was answered, ISO 8601. */
  readonly time: string;
  readonly variant: Variant;
  readonly method: "POST";
  readonly path: string;
  /** The status sent, or null when none was (the network-error and no-response faults). */
  readonly status: number | null;
  /** The example or fault served, or null when the request was refused (unknown scenario). */
  readonly scenario: string | null;
  /** One report per property of the spec's `LoginRequest` schema. */
  readonly fields: Readonly<Record<string, FieldReport>>;
}

/** The properties of each variant's `LoginRequest`, in the spec's order, and which are required. */
const FIELDS: Readonly<Record<Variant, readonly LoginRequestField[]>> = {
  talkstack: loginRequestFields("talkstack"),
  seamless: loginRequestFields("seamless"),
};

interface LoginRequestField {
  readonly name: string;
  readonly required: boolean;
}

function loginRequestFields(variant: Variant): readonly LoginRequestField[] {
  const schema = SPEC_DOCUMENTS[variant].components?.schemas?.LoginRequest;
  const properties = schema?.properties as Readonly<Record<string, JsonSchema>> | undefined;
  if (!properties) throw new Error(`[login-mock] The ${variant} spec has no LoginRequest schema.`);
  const required = new Set((schema?.required as readonly string[] | undefined) ?? []);
  return Object.keys(properties).map((name) => ({ name, required: required.has(name) }));
}

const NONE_SENT: readonly string[] = [];

/** The optional `LoginRequest` properties a body holds (none when every one is required). */
export function optionalFieldsSent(variant: Variant, fields: LoginFields): readonly string[] {
  let sent = NONE_SENT;
  for (const { name, required } of FIELDS[variant]) {
    // Ajv's own test for a present property: not undefined.
    if (!required && fields[name] !== undefined) sent = [...sent, name];
  }
  return sent;
}

function fieldReports(recorded: Recorded): Record<string, FieldReport> {
  const reports: Record<string, FieldReport> = {};
  const faults = recorded.faults ?? [];
  for (const { name, required } of FIELDS[recorded.variant]) {
    const present = required
      ? !faults.some(
          (fault) => fault.keyword === "required" && fault.params.missingProperty === name,
        )
      : recorded.optionalSent.includes(name);
    const wellFormed = present && !faults.some((fault) => fault.instancePath === `/${name}`);
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
  readonly status: number | null;
  readonly scenario: string | null;
  /** null: the body fits the spec's `LoginRequest`. */
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
    method: "POST",
    path: LOGIN_PATH,
    status: recorded.status,
    scenario: recorded.scenario,
    fields: fieldReports(recorded),
  };
}
