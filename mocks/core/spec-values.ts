/**
 * Values the behaviour reads from the specs rather than restating: example bodies, the token
 * lifetime, the cookie's attributes.
 */
import type { CookieContract, JsonSchema } from "../../openapi/document.ts";
import type { Variant } from "../../openapi/documents.ts";
import { loginOperation } from "../../openapi/examples.ts";
import { findScenario, type ResponseScenario } from "./scenario-catalogue.ts";
import { SPEC_DOCUMENTS } from "./spec-documents.ts";

/** The value of a named response example. */
export function exampleValue(variant: Variant, name: string): unknown {
  return responseScenario(variant, name).example.value;
}

/** The catalogue's response scenario for a named example; throws when the spec has none. */
export function responseScenario(variant: Variant, name: string): ResponseScenario {
  const scenario = findScenario(variant, name);
  if (scenario?.kind !== "response") {
    throw new Error(`[login-mock] The ${variant} spec has no response example "${name}".`);
  }
  return scenario;
}

/** An `x-…` extension of a component schema. */
export function schemaExtension(variant: Variant, schema: string, extension: string): unknown {
  const found: JsonSchema | undefined = SPEC_DOCUMENTS[variant].components?.schemas?.[schema];
  return found?.[extension];
}

/** The `x-cookie` contract of Seamless' 200 `Set-Cookie` header. */
export function seamlessCookieContract(): CookieContract {
  const header = loginOperation(SPEC_DOCUMENTS.seamless).responses["200"]?.headers?.["Set-Cookie"];
  const contract = header?.["x-cookie"];
  if (!contract)
    throw new Error("[login-mock] The Seamless spec lost its Set-Cookie x-cookie contract.");
  return contract;
}
