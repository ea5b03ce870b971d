/**
 * A demo login built from the spec alone: what the CLI banner prints, what `GET /__mock/api`
 * gives the Playwright fixture, and what the Storybook loader signs a story in with.
 * Runtime-free: the browser's Storybook loader uses it too.
 */
import type { LoginApi, RequestField } from "./login-api.ts";

/** How a spec's challenge field is judged: only `match` needs a value of its own. */
type ChallengeMode =
  | { readonly mode: "accept" | "reject" }
  | { readonly mode: "match"; readonly value: string };

/** A demo login: its body and the media type it is sent as, or why the banner shows none. */
export type DemoLogin =
  | { readonly kind: "body"; readonly body: string; readonly mediaType: string }
  | { readonly kind: "none"; readonly reason: string };

/**
 * The login of the spec's first declared account (or `account`), in the first media type the mock reads (JSON
 * or a form): its identity and secret fields, its challenge field with a value `challenge`
 * accepts, and every other required field of the request schema with the value the spec gives
 * it (`demoValueOf`), in the schema's order. None when the spec declares no account, or gives a
 * required field no value.
 */
export function demoLogin(
  api: LoginApi,
  challenge: ChallengeMode,
  account: { readonly identity: string; readonly secret: string } | undefined = api.accounts[0],
): DemoLogin {
  if (!account) return { kind: "none", reason: "no demo account (the spec declares none)" };
  const { request } = api;
  const mediaType =
    request.mediaTypes.find(
      (type) => type === FORM || type === "application/json" || type.endsWith("+json"),
    ) ?? "application/json";
  const fields: [string, unknown][] = [];
  for (const field of request.fields) {
    let value: unknown;
    if (field.name === request.identity) value = account.identity;
    else if (field.name === request.secret) value = account.secret;
    else if (field.name === request.challenge?.field)
      value = challenge.mode === "match" ? challenge.value : "x";
    else if (!field.required) continue;
    else {
      value = demoValueOf(api, mediaType, field);
      if (value === undefined) {
        return {
          kind: "none",
          reason: `no demo login: the spec gives the required field \`${field.name}\` no value to send (add a \`const\`, an \`enum\`, an \`example\` or a \`default\` to its schema, or a request body example)`,
        };
      }
    }
    fields.push([field.name, value]);
  }
  const body =
    mediaType === FORM
      ? new URLSearchParams(fields.map(([name, value]) => [name, formValue(value)])).toString()
      : JSON.stringify(Object.fromEntries(fields));
  return { kind: "body", body, mediaType };
}

/** `demoLogin`'s body, or undefined when it has none. */
export function demoLoginBody(api: LoginApi, challenge: ChallengeMode): string | undefined {
  const demo = demoLogin(api, challenge);
  return demo.kind === "body" ? demo.body : undefined;
}

const FORM = "application/x-www-form-urlencoded";

/**
 * The value the spec gives a request field, first found of: its schema's `const`, its first
 * `enum` value, its value in a request body example (the media type's `example`, then each of
 * its `examples`), its schema's `example`, first `examples` entry, or `default`.
 */
function demoValueOf(api: LoginApi, mediaType: string, field: RequestField): unknown {
  const schema = field.schema;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const example of requestExamples(api, mediaType)) {
    if (example !== null && typeof example === "object" && Object.hasOwn(example, field.name)) {
      const value = (example as Record<string, unknown>)[field.name];
      if (value !== undefined) return value;
    }
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.default;
}

/** The request body examples the spec documents for `mediaType`, `example` first. */
function requestExamples(api: LoginApi, mediaType: string): unknown[] {
  const operation = api.document.paths[api.operation.path]?.[api.operation.method.toLowerCase()];
  const media = operation?.requestBody?.content[mediaType] as
    | {
        readonly example?: unknown;
        readonly examples?: Readonly<Record<string, { readonly value?: unknown }>>;
      }
    | undefined;
  if (!media) return [];
  return [media.example, ...Object.values(media.examples ?? {}).map((example) => example.value)];
}

/** A value as a form sends it: a string as it is, anything else as JSON text. */
function formValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
