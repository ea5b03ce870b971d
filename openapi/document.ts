/**
 * The slice of an OpenAPI 3.1 document this project reads, typed loosely enough to hold both
 * specs and strictly enough that a typo in a property name does not compile. Runtime-free: the
 * browser bundle uses it through the JSON copies in `generated/`.
 */

/** A JSON Schema 2020-12 object as OpenAPI 3.1 embeds it, extensions included. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface ExampleObject {
  readonly summary?: string;
  readonly description?: string;
  readonly value: unknown;
  /** Kinds of request (keys of `info.x-provocations`) that produce this response. */
  readonly "x-provoked-by"?: readonly string[];
  readonly "x-inferred"?: string;
}

export interface HeaderObject {
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  readonly "x-cookie"?: CookieContract;
}

/** The `x-cookie` extension: a cookie's documented attributes, in a form checks can use. */
export interface CookieContract {
  readonly name: string;
  readonly value: "jwt";
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: "Strict" | "Lax" | "None";
  readonly path: string;
  readonly maxAgeSeconds: number;
}

export interface MediaTypeObject {
  readonly schema?: JsonSchema;
  readonly examples?: Readonly<Record<string, ExampleObject>>;
}

export interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, HeaderObject>>;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
  readonly "x-inferred"?: string;
  /** On the 413: the largest request body the server accepts, in bytes. */
  readonly "x-body-limit-bytes"?: number;
  /**
   * The body shown is login-mock's; a real server sends its web framework's own. Contract checks
   * judge such a body only when it comes with the documented media type.
   */
  readonly "x-framework-body"?: boolean;
}

export interface OperationObject {
  readonly operationId?: string;
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content: Readonly<Record<string, MediaTypeObject>>;
  };
  readonly responses: Readonly<Record<string, ResponseObject>>;
  readonly "x-login-status-map"?: Readonly<Record<string, readonly string[]>>;
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly "x-provocations"?: Readonly<Record<string, string>>;
  };
  readonly servers?: readonly {
    readonly url: string;
    readonly description?: string;
    readonly "x-inferred"?: string;
  }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}
