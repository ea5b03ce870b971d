/**
 * The login operation's path as the harness sends it: each `{param}` of a templated path
 * (`/t/{tenant}/login`) filled from a value given (`--path-param tenant=acme`), else from the
 * spec's own path parameter (operation- or path-level `parameters`, `in: path`): its `example`,
 * the first of its `examples`, or its schema's `example`, first `examples`, `default`, first
 * `enum` value or `const`. A parameter with none of these must be given.
 */
import type { LoginApi } from "../openapi/login-api.ts";

const TEMPLATE = /\{([^}/]+)\}/g;

/** A parameter of the login's path no value was given or documented for. */
export class MissingPathParameterError extends Error {
  override readonly name = "MissingPathParameterError";
  readonly parameters: readonly string[];
  constructor(path: string, parameters: readonly string[]) {
    const list = parameters.map((name) => `\`${name}\``).join(", ");
    super(
      `the login's path ${path} has the parameter${parameters.length === 1 ? "" : "s"} ${list}, and the spec gives no example, default or enum for ${parameters.length === 1 ? "it" : "them"}`,
    );
    this.parameters = parameters;
  }
}

/** The names of the `{param}`s of the login's path, in order, each once. */
export function pathParameterNames(api: LoginApi): string[] {
  return [...new Set([...api.operation.path.matchAll(TEMPLATE)].map((match) => match[1] ?? ""))];
}

/** The path with every `{param}` filled; throws `MissingPathParameterError`. */
export function operationPath(api: LoginApi, given: Readonly<Record<string, string>> = {}): string {
  const { path } = api.operation;
  const documented = documentedPathValues(api);
  const missing: string[] = [];
  const filled = path.replace(TEMPLATE, (whole, name: string) => {
    const value = Object.hasOwn(given, name) ? given[name] : documented.get(name);
    if (value === undefined) {
      missing.push(name);
      return whole;
    }
    return encodeURIComponent(value);
  });
  if (missing.length) throw new MissingPathParameterError(path, [...new Set(missing)]);
  return filled;
}

type Loose = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Loose =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Each path parameter's documented value; the operation's declaration outranks the path's. */
function documentedPathValues(api: LoginApi): Map<string, string> {
  const item = api.document.paths[api.operation.path] as Loose | undefined;
  const operation = item?.[api.operation.method.toLowerCase()] as Loose | undefined;
  const declared = [operation?.parameters, item?.parameters].flatMap((list) =>
    Array.isArray(list) ? list.filter(isObject) : [],
  );
  const values = new Map<string, string>();
  for (const parameter of declared) {
    const name = parameter.name;
    if (parameter.in !== "path" || typeof name !== "string" || values.has(name)) continue;
    const value = documentedValue(parameter);
    if (value !== undefined) values.set(name, value);
  }
  return values;
}

function documentedValue(parameter: Loose): string | undefined {
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  const firstExample = isObject(parameter.examples)
    ? Object.values(parameter.examples).find(isObject)?.value
    : undefined;
  const candidates = [
    parameter.example,
    firstExample,
    schema.example,
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    schema.default,
    Array.isArray(schema.enum) ? schema.enum[0] : undefined,
    schema.const,
  ];
  const value = candidates.find(
    (candidate) =>
      typeof candidate === "string" ||
      typeof candidate === "number" ||
      typeof candidate === "boolean",
  );
  return value === undefined ? undefined : String(value);
}
