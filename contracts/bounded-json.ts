/**
 * JSON from a target, read without trusting its shape. A reply nested deeper than
 * `MAX_JSON_DEPTH` never reaches `JSON.parse`'s callers (Ajv, the checks, the redactor, the
 * diff), which all recurse and would overflow the stack on a few thousand levels. The depth is
 * measured by a loop over the text, never by recursion.
 */

/**
 * The deepest JSON the harness accepts from a target, counting each array and object as a
 * level (`{"a":[1]}` is 2). A documented login body is 3 deep; past this the reply is the
 * target's fault (a `reply-limits` violation).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `text` nests, counting `[` and `{` outside strings, stopping as soon as it passes
 * `limit`. Linear in the text and iterative; it does not check that the text is JSON.
 */
export function jsonTextDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth -= 1;
  }
  return deepest;
}

export type BoundedJson =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "not-json" }
  | { readonly kind: "too-deep" };

/**
 * Parses `text` when it is JSON no deeper than `maxDepth`. Text deeper than that is reported as
 * `too-deep` only when it is JSON (V8's `JSON.parse` is iterative, so trying it is safe); its
 * value is dropped, so nothing recursive ever sees it.
 */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): BoundedJson {
  const depth = jsonTextDepth(text, maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "not-json" };
  }
  return depth > maxDepth ? { kind: "too-deep" } : { kind: "json", value };
}
