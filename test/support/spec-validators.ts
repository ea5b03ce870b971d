import {
  createResponseValidator,
  type ResponseValidator,
} from "../../contracts/response-validator.ts";
import { loadDereferencedDocument } from "../../openapi/load.ts";
import { type PresetId, VARIANTS } from "../../presets/ids.ts";

const validators = new Map<PresetId, Promise<ResponseValidator>>();

function isPresetId(id: string): id is PresetId {
  return (VARIANTS as readonly string[]).includes(id);
}

/**
 * The response validator of a built-in API's dereferenced YAML spec (read with swagger-parser,
 * not the generated JSON the mock serves from), built once per test file. Takes any API id, as
 * scenarios carry one, and throws for an id no preset has.
 */
export function responseValidator(variant: string): Promise<ResponseValidator> {
  if (!isPresetId(variant)) throw new Error(`No built-in spec "${variant}" to validate against.`);
  let validator = validators.get(variant);
  if (!validator) {
    validator = loadDereferencedDocument(variant).then(createResponseValidator);
    validators.set(variant, validator);
  }
  return validator;
}
