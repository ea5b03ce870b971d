/**
 * Media types as the harness reads them, for requests it builds and replies it judges. Kept
 * here (not shared with the mock) so the harness depends on the spec alone.
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
