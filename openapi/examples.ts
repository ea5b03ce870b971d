/**
 * Flattens a document's named response examples into one list. The scenario catalogue, the
 * example-validation test and the contract cases are all built from this list, so a response
 * added to the spec shows up everywhere at once.
 */
import type { ExampleObject, HeaderObject, JsonSchema, OpenApiDocument } from "./document.ts";
import { LOGIN_PATH } from "./documents.ts";

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

/** Every named example of every response of `POST /auth/login`, in spec order. */
export function listResponseExamples(document: OpenApiDocument): ResponseExample[] {
  const operation = loginOperation(document);
  const found: ResponseExample[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
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

/** The `POST /auth/login` operation of a document; throws if the document has none. */
export function loginOperation(document: OpenApiDocument) {
  const operation = document.paths[LOGIN_PATH]?.post;
  if (!operation) {
    throw new Error(
      `[login-mock] The document "${document.info.title}" has no POST ${LOGIN_PATH}.`,
    );
  }
  return operation;
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
