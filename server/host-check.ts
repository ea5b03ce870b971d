/**
 * Which `Host` names may use the control API. A DNS-rebinding page reaches a loopback server
 * under its own host name (`evil.example:4011`), so the name, not the socket, tells it apart:
 * the control API answers to this machine's names and to names the user listed, as Vite's
 * `server.allowedHosts` does.
 */

/** Host names (any port) besides this machine's; `true` allows any name, DNS rebinding too. */
export type AllowedHosts = readonly string[] | true;

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(:\d{1,5})?$/;
const IPV4_LOOPBACK =
  /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** The host name of a `Host` header, lower-cased and without its port; null when malformed. */
export function hostNameOf(host: string | undefined): string | null {
  const match = HOST_HEADER.exec((host ?? "").toLowerCase());
  return match?.[1] ?? null;
}

/** localhost (and `*.localhost`, which browsers resolve to loopback themselves), 127/8, [::1]. */
export function isLoopbackName(name: string): boolean {
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    IPV4_LOOPBACK.test(name) ||
    name === "[::1]"
  );
}

/**
 * Whether a request's `Host` header may use the control API. A listed `.example.com` allows
 * example.com and its subdomains.
 */
export function isHostAllowed(host: string | undefined, allowed: AllowedHosts = []): boolean {
  if (allowed === true) return true;
  const name = hostNameOf(host);
  if (name === null) return false;
  if (isLoopbackName(name)) return true;
  return allowed.some((entry) => {
    const listed = entry.toLowerCase();
    return listed.startsWith(".")
      ? name === listed.slice(1) || name.endsWith(listed)
      : name === listed;
  });
}

/**
 * `--allowed-hosts` / LOGIN_MOCK_ALLOWED_HOSTS: comma-separated names, or `true`/`all`.
 * Returns the bad entry as `{ bad }` so the CLI can name it.
 */
export function parseAllowedHosts(text: string): AllowedHosts | { readonly bad: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "true" || trimmed === "all") return true;
  const names = trimmed
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const bad = names.find(
    (name) => !/^(\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(name),
  );
  return bad === undefined ? names : { bad };
}
