/**
 * An @msw/data collection the user store can write synchronously. @msw/data 1.x checks every
 * create and update against the collection's Standard Schema and settles it a microtask later,
 * while the store's interface (and every caller of it) is synchronous. So each write is checked
 * here first, at once and against the collection's own schema: a row the spec rejects is refused
 * where it is written. Accepted rows are read from `pending` until the collection holds them;
 * writes reach the collection one after another, in the order they were made.
 */
import { Collection } from "@msw/data";
import { describeIssues, type SpecSchema } from "../../openapi/spec-schema.ts";

export class WriteBehindCollection<Row extends object> {
  /** The database. Read it freely; write only through `insert` and `replace`. */
  readonly collection: Collection<SpecSchema<Row>>;
  readonly #schema: SpecSchema<Row>;
  readonly #keyOf: (row: Row) => string;
  readonly #what: string;
  // Keys in insertion order, which the collection keeps too (an update stays in place). Also
  // answers "no such row" without scanning the collection: unknown emails are a common login.
  readonly #keys = new Set<string>();
  // Rows accepted but not yet in the collection, by key; the newest write wins.
  readonly #pending = new Map<string, Row>();
  #writes: Promise<void> = Promise.resolve();
  #failure: unknown;

  /** `what` names a row in error messages ("TalkStack account"). */
  constructor(schema: SpecSchema<Row>, keyOf: (row: Row) => string, what: string) {
    this.collection = new Collection({ schema });
    this.#schema = schema;
    this.#keyOf = keyOf;
    this.#what = what;
  }

  insert(row: Row): void {
    this.#check(row);
    const key = this.#keyOf(row);
    if (this.#keys.has(key)) throw new Error(`[login-mock] A ${this.#what} ${key} exists already.`);
    this.#keys.add(key);
    this.#enqueue(key, row, () => this.collection.create(row));
  }

  /** Replaces the row under `key` (which must exist) with `row`. */
  replace(key: string, row: Row): void {
    this.#check(row);
    if (!this.#keys.has(key)) throw new Error(`[login-mock] No ${this.#what} ${key} to replace.`);
    this.#enqueue(key, row, () =>
      this.collection.update((q) => q.where((stored) => this.#keyOf(stored) === key), {
        strict: true,
        data(draft) {
          Object.assign(draft, row);
        },
      }),
    );
  }

  get(key: string): Row | undefined {
    this.#throwIfBroken();
    if (!this.#keys.has(key)) return undefined;
    return (
      this.#pending.get(key) ??
      this.collection.findFirst((q) => q.where((stored) => this.#keyOf(stored) === key))
    );
  }

  /** Every row, in insertion order. */
  all(): Row[] {
    return [...this.#keys].flatMap((key) => this.get(key) ?? []);
  }

  /** Resolves once every write made so far is in the collection. */
  settled(): Promise<void> {
    return this.#writes;
  }

  #check(row: Row): void {
    this.#throwIfBroken();
    const result = this.#schema["~standard"].validate(row);
    if (result.issues) {
      throw new Error(
        `[login-mock] Refused a ${this.#what} that the spec rejects: ` +
          `${describeIssues(result.issues)}. Fix the data (seed, fixture or test) to fit the spec.`,
      );
    }
  }

  #enqueue(key: string, row: Row, write: () => Promise<unknown>): void {
    this.#pending.set(key, row);
    this.#writes = this.#writes.then(write).then(
      () => {
        if (this.#pending.get(key) === row) this.#pending.delete(key);
      },
      (error: unknown) => {
        // The row stays pending, so reads still see what the store accepted.
        this.#failure ??= error;
      },
    );
  }

  #throwIfBroken(): void {
    if (this.#failure === undefined) return;
    throw new Error(
      `[login-mock] @msw/data refused a ${this.#what} that fits the spec (${String(this.#failure)}). ` +
        "This is a login-mock bug; please report it with the steps that led here.",
    );
  }
}
