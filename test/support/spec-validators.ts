import {
  createResponseValidator,
  type ResponseValidator,
} from "../../contracts/response-validator.ts";
import type { Variant } from "../../openapi/documents.ts";
import { loadDereferencedDocument } from "../../openapi/load.ts";

const validators = new Map<Variant, Promise<ResponseValidator>>();

/** The response validator of a variant's dereferenced spec, built once per test file. */
export function responseValidator(variant: Variant): Promise<ResponseValidator> {
  let validator = validators.get(variant);
  if (!validator) {
    validator = loadDereferencedDocument(variant).then(createResponseValidator);
    validators.set(variant, validator);
  }
  return validator;
}
