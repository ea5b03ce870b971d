/**
 * How the mock judges a spec's challenge field (a CAPTCHA token such as `recaptchaVal`),
 * modelled on Google's own reCAPTCHA test keys: accept everything, reject everything, or a real
 * check against one configured value.
 */
export type ChallengeMode =
  | { readonly mode: "accept" }
  | { readonly mode: "reject" }
  | { readonly mode: "match"; readonly value: string };

export const CHALLENGE_MODES = ["accept", "reject", "match:<value>"] as const;

/** Parses `accept`, `reject` or `match:<value>`; undefined for anything else. */
export function parseChallengeMode(text: string): ChallengeMode | undefined {
  if (text === "accept" || text === "reject") return { mode: text };
  if (text.startsWith("match:") && text.length > "match:".length) {
    return { mode: "match", value: text.slice("match:".length) };
  }
  return undefined;
}

/** Whether a challenge value (already valid by the request schema) passes under `mode`. */
export function isChallengeAccepted(mode: ChallengeMode, value: unknown): boolean {
  switch (mode.mode) {
    case "accept":
      return true;
    case "reject":
      return false;
    case "match":
      return value === mode.value;
  }
}
