/**
 * Media types as a login spec names them and as both sides read them: the mock reading a
 * request body, the contract harness building requests and judging replies.
 */

export const JSON_MEDIA_TYPE = "application/json";
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

/** A Content-Type without its parameters, lower-cased: `Application/JSON; charset=x` → `application/json`. */
export function mediaTypeEssence(contentType: string | null | undefined): string {
  return contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
}

/** `application/json` or any `+json` type (`application/problem+json`). */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  // The usual value needs no splitting or case folding.
  if (contentType === JSON_MEDIA_TYPE) return true;
  const essence = mediaTypeEssence(contentType);
  return essence === JSON_MEDIA_TYPE || essence.endsWith("+json");
}
