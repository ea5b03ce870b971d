/**
 * How the mock judges `recaptchaVal`, modelled on Google's own test keys: one that accepts
 * everything, one that rejects everything, and a real check against one configured value.
 */
export type RecaptchaMode =
  | { readonly mode: "accept" }
  | { readonly mode: "reject" }
  | { readonly mode: "match"; readonly value: string };

export const RECAPTCHA_MODES = ["accept", "reject", "match:<value>"] as const;

/** Parses `accept`, `reject` or `match:<value>`; undefined for anything else. */
export function parseRecaptchaMode(text: string): RecaptchaMode | undefined {
  if (text === "accept" || text === "reject") return { mode: text };
  if (text.startsWith("match:") && text.length > "match:".length) {
    return { mode: "match", value: text.slice("match:".length) };
  }
  return undefined;
}

/** Whether a non-empty `recaptchaVal` passes under `mode`. */
export function isRecaptchaAccepted(mode: RecaptchaMode, value: string): boolean {
  switch (mode.mode) {
    case "accept":
      return true;
    case "reject":
      return false;
    case "match":
      return value === mode.value;
  }
}
