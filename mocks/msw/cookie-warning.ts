/**
 * In a browser, a mocked response cannot set an httpOnly cookie: the service worker's responses
 * never set cookies, and MSW's fallback, `document.cookie`, cannot write an httpOnly one.
 * Nothing fails, so say it once per page, the first time a reply carries one.
 */
/** False outside a page with service workers (Node, jsdom), so the check costs nothing there. */
let armed =
  typeof navigator !== "undefined" &&
  "serviceWorker" in navigator &&
  typeof document !== "undefined";

export function warnOnceIfCookieDropped(headers: readonly (readonly [string, string])[]): void {
  if (!armed) return;
  const dropped = headers
    .filter(([name, value]) => name.toLowerCase() === "set-cookie" && /;\s*httponly/i.test(value))
    .map(([, value]) => `"${value.slice(0, value.indexOf("="))}"`);
  if (dropped.length === 0) return;
  armed = false;
  console.warn(
    `[login-mock] This response sets the httpOnly cookie ${dropped.join(", ")}, but the browser will not store it: in MSW's browser mode a service worker answers, and it cannot set cookies (nor can script write an httpOnly one). The body arrives; code that relies on the cookie will not see it. For a real cookie in development, run \`npx login-mock serve\` and proxy the login path to it from your dev server, same origin: see "Cookies: what MSW's browser mode cannot do" in login-mock's docs/frontend.md.`,
  );
}
