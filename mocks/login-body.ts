/**
 * A login body as a client sends it, from its fields: a form (each value a string, a non-string
 * as its JSON) or JSON. Import-free: the Playwright fixture's entry and the Storybook loader
 * both build their sign-in logins with it.
 */
export function encodeLoginBody(fields: Readonly<Record<string, unknown>>, form: boolean): string {
  if (!form) return JSON.stringify(fields);
  return new URLSearchParams(
    Object.entries(fields).map(([name, value]) => [
      name,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  ).toString();
}
