/**
 * A table of spec-checked rows the user store reads and writes synchronously, with an @msw/data
 * collection of the same rows under the same schema, built on demand. Every write is checked
 * at once against the schema, so a row the spec rejects is refused where it is written; the
 * accepted rows are kept here by key, and every read is answered from them.
 *
 * The collection is loaded and filled only when `settled()` asks for it: importing @msw/data
 * means resolving and compiling several hundred es-toolkit files, a cost every test file paid
 * on import though no login reads the collection (decision 8). From then on, writes reach it
 * one after another, in the order they were made (@msw/data 1.x settles each a microtask
 * later), and `settled()` resolves once it holds every write made so far.
 */
import type { Collection } from "@msw/data";
import { describeIssues, type SpecSchema } from "../../openapi/spec-schema.ts";

export class WriteBehindCollection<Row extends object> {
  readonly #schema: SpecSchema<Row>;
  readonly #keyOf: (row: Row) => string;
  readonly #what: string;
  // Accepted rows by key, in insertion order (the collection keeps that order too: an update
  // stays in place); the newest write wins. Also answers "no such row" without a scan:
  // unknown emails are a common login.
  readonly #rows = new Map<string, Row>();
  #collection: Collection<SpecSchema<Row>> | undefined;
  // Undefined until `settled()` first asks for the collection; then the chain of writes to it.
  #writes: Promise<void> | undefined;
  #failure: unknown;

  /** `what` names a row in error messages ("Acme Login account"). */
  constructor(schema: SpecSchema<Row>, keyOf: (row: Row) => string, what: string) {
    this.#schema = schema;
    this.#keyOf = keyOf;
    this.#what = what;
  }

  /**
   * The @msw/data collection: every accepted row once `settled()` has resolved. Built by
   * `settled()`; throws before it.
   */
  get collection(): Collection<SpecSchema<Row>> {
    if (!this.#collection)
      throw new Error(
        `[login-mock] The ${this.#what} collection is built on demand: await settled() first.`,
      );
    return this.#collection;
  }

  insert(row: Row): void {
    this.#check(row);
    const key = this.#keyOf(row);
    if (this.#rows.has(key)) throw new Error(`[login-mock] A ${this.#what} ${key} exists already.`);
    this.#rows.set(key, row);
    this.#enqueue((collection) => collection.create(row));
  }

  /** Replaces the row under `key` (which must exist) with `row`. */
  replace(key: string, row: Row): void {
    this.#check(row);
    if (!this.#rows.has(key)) throw new Error(`[login-mock] No ${this.#what} ${key} to replace.`);
    this.#rows.set(key, row);
    const keyOf = this.#keyOf;
    this.#enqueue((collection) =>
      collection.update((q) => q.where((stored) => keyOf(stored) === key), {
        strict: true,
        data(draft) {
          Object.assign(draft, row);
        },
      }),
    );
  }

  get(key: string): Row | undefined {
    this.#throwIfBroken();
    return this.#rows.get(key);
  }

  /** Every row, in insertion order. */
  all(): Row[] {
    this.#throwIfBroken();
    return [...this.#rows.values()];
  }

  /** Builds the collection on the first call; resolves once it holds every write made so far. */
  settled(): Promise<void> {
    if (!this.#writes) {
      // The rows as they are now; later writes queue behind these.
      const rows = [...this.#rows.values()];
      this.#writes = this.#chain(async () => {
        const { Collection } = await import("@msw/data");
        const collection = new Collection({ schema: this.#schema });
        this.#collection = collection;
        for (const row of rows) await collection.create(row);
      });
    }
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

  #enqueue(write: (collection: Collection<SpecSchema<Row>>) => Promise<unknown>): void {
    // No collection asked for yet: the row is in `#rows`, which fills it when it is built.
    if (!this.#writes) return;
    this.#writes = this.#chain(() => {
      // Built by the first link of the chain, which ran before this one.
      if (this.#collection) return write(this.#collection);
    });
  }

  #chain(step: () => Promise<unknown> | undefined): Promise<void> {
    return (this.#writes ?? Promise.resolve()).then(step).then(
      () => undefined,
      (error: unknown) => {
        // Reads still answer from `#rows`; the next read or write reports the failure.
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
