/**
 * The base URLs a spec's top-level `servers` name, as a client would call them: each server
 * variable (`https://{env}.example.com`) replaced by its `default` (else its first `enum`
 * value), without a trailing slash. Path- and operation-level `servers` are not read.
 */
import type { LoginApi } from "../../openapi/login-api.ts";

interface ServerVariable {
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
}

interface ServerObject {
  readonly url: string;
  readonly variables?: Readonly<Record<string, ServerVariable>>;
}

/** Each of `api`'s server URLs with its variables filled in; one with a variable unknown is left out. */
export function serverUrlsOf(api: LoginApi): string[] {
  const servers = (api.document.servers ?? []) as readonly ServerObject[];
  const urls: string[] = [];
  for (const server of servers) {
    let complete = true;
    const url = server.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
      const variable =
        server.variables && Object.hasOwn(server.variables, name)
          ? server.variables[name]
          : undefined;
      const value = variable?.default ?? variable?.enum?.[0];
      if (value === undefined) complete = false;
      return String(value ?? "");
    });
    if (complete) urls.push(url.replace(/\/+$/, ""));
  }
  return urls;
}
