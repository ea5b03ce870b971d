/**
 * Flattens a document's named response examples into one list. The scenario catalogue, the
 * example-validation test and the contract cases are all built from this list, so a response
 * added to the spec shows up everywhere at once. Only responses under a numeric status
 * (100–599) are listed: one under `default` or a range such as `4XX` has no status to be
 * served with.
 */
import type {
  ExampleObject,
  HeaderObject,
  JsonSchema,
  OpenApiDocument,
  OperationObject,
} from "./document.ts";
import { findLoginOperation } from "./login-operation.ts";

export interface ResponseExample {
  /** The example's name in the spec, e.g. `recaptcha-failed`. */
  readonly name: string;
  readonly status: number;
  readonly mediaType: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly value: unknown;
  readonly schema: JsonSchema | undefined;
  readonly headers: Readonly<Record<string, HeaderObject>>;
  readonly provokedBy: readonly string[];
  /** The reason the spec gives where this example goes beyond the vendor's document. */
  readonly inferred: string | undefined;
}

/** Every named example of every response of the document's login operation, in spec order. */
export function listResponseExamples(document: OpenApiDocument): ResponseExample[] {
  return listOperationExamples(loginOperation(document));
}

/** Every named example of every numeric-status response of `operation`, in spec order. */
export function listOperationExamples(operation: OperationObject): ResponseExample[] {
  const found: ResponseExample[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!isServableStatus(status)) continue;
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        found.push(
          toResponseExample(name, Number(status), mediaType, example, media.schema, {
            headers: response.headers ?? {},
            inferred: example["x-inferred"] ?? response["x-inferred"],
          }),
        );
      }
    }
  }
  return found;
}

/** A response key the mock can answer with: three digits, 100–599 (not `default`, not `4XX`). */
export function isServableStatus(key: string): boolean {
  return /^[1-5][0-9]{2}$/.test(key);
}

/** The operation carrying `x-login-mock`; throws if the document has none. */
export function loginOperation(document: OpenApiDocument): OperationObject {
  return findLoginOperation(document, document.info.title).operation;
}

function toResponseExample(
  name: string,
  status: number,
  mediaType: string,
  example: ExampleObject,
  schema: JsonSchema | undefined,
  context: { headers: Readonly<Record<string, HeaderObject>>; inferred: string | undefined },
): ResponseExample {
  return {
    name,
    status,
    mediaType,
    summary: example.summary ?? name,
    description: example.description,
    value: example.value,
    schema,
    headers: context.headers,
    provokedBy: example["x-provoked-by"] ?? [],
    inferred: context.inferred,
  };
}
