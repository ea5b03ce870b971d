/**
 * The one extension block a login spec adds: `x-login-mock` on its login operation. It says
 * what OpenAPI cannot: which request field names the account and which is the secret, which
 * named example answers which outcome, where the issued token goes, and the demo accounts.
 * Everything else (path, method, media types, fields, statuses, bodies, cookie attributes) is
 * read from the document itself. `LOGIN_EXTENSION_SCHEMA` is validated when a user's spec loads
 * (a preset's block when `npm run generate` reads it); the checks a schema cannot state (an
 * example that exists, a field the request has, a pointer the success example holds) follow it
 * in login-api.ts. docs/specs.md documents every key.
 */
import type { JsonSchema } from "./document.ts";

export const LOGIN_EXTENSION = "x-login-mock";

/** How a login-time profile value changes: stamped with the session's now, or counted up. */
export interface ProfileUpdate {
  readonly pointer: string;
  readonly set: "now" | "increment";
}

export interface DeclaredAccount {
  /** The identity field's value, e.g. an email or a username. */
  readonly identity: string;
  readonly secret: string;
  /** The `sub` of its tokens; default: the profile's `profile.subject` value, else generated. */
  readonly subject?: string;
  /** Laid over the generated (or example) profile, key by key. */
  readonly profile?: Readonly<Record<string, unknown>>;
  /** The example this account answers with once its secret is right (e.g. not verified). */
  readonly answer?: string;
  /** What logging in as this account is for, in words (shown by the panel and `scenarios`). */
  readonly note?: string;
}

/**
 * The operation that exchanges a refresh token for a new access token, and what it answers.
 * Its success body takes the new token where `token` points (default: the login's pointers).
 */
export interface RefreshExtension {
  /** `METHOD /path` of an operation in this document, e.g. `POST /auth/refresh`. */
  readonly operation: string;
  /** The request body field that carries the refresh token. */
  readonly field: string;
  /** Each refresh issues a new refresh token and retires the one sent (reuse revokes its family). */
  readonly rotate?: boolean;
  /** How long a refresh token lasts on the session's clock. Default 30 days. */
  readonly lifetimeSeconds?: number;
  readonly token?: {
    readonly pointer?: string;
    readonly expiresAt?: LoginExtension["token"]["expiresAt"];
    readonly refresh?: string;
  };
  readonly outcomes: {
    readonly success: string;
    readonly invalidRequest: string;
    readonly unknownToken: string;
    /** Default: unknownToken. */
    readonly expiredToken?: string;
    /** A rotated token sent again: its whole family is revoked. Default: unknownToken. */
    readonly reusedToken?: string;
  };
}

/** The operation that ends a login: revokes what it was sent, clears the token cookie. */
export interface LogoutExtension {
  /** `METHOD /path` of an operation in this document, e.g. `POST /auth/logout`. */
  readonly operation: string;
  /** A request body field that may carry a refresh token to revoke with it. */
  readonly field?: string;
  readonly outcomes: {
    readonly success: string;
    /** When no credential of this mock was sent; default: success (logging out twice is fine). */
    readonly unauthenticated?: string;
    /** A body the operation's schema refuses; default: checked no further. */
    readonly invalidRequest?: string;
  };
}

export interface LoginExtension {
  /** The API's short name: CLI flags, the control API and `X-Mock-Scenario` errors use it. */
  readonly id?: string;
  /** Extra paths that reach the same operation (a vendor's documented `//auth/login`). */
  readonly aliases?: readonly string[];
  /** The request field that names the account. */
  readonly identity: string;
  /** The request field that holds the secret. */
  readonly secret: string;
  /** A field checked before the account (a CAPTCHA), and the example a rejected value gets. */
  readonly challenge?: { readonly field: string; readonly rejected: string };
  readonly outcomes: {
    readonly success: string;
    readonly invalidRequest: string;
    /** When the identity's format is the body's only fault (an email that is not one). */
    readonly malformedIdentity?: string;
    readonly unknownAccount: string;
    readonly wrongSecret: string;
    /** After `after` wrong secrets for one account, it answers this for `seconds` (mock clock). */
    readonly lockedOut?: {
      readonly example: string;
      readonly after: number;
      readonly seconds: number;
      /**
       * Off until the mock is asked for it (`lockout: true`, `serve --lockout`): for a lockout
       * the vendor does not document (a preset's), which would surprise a QA session.
       */
      readonly optIn?: boolean;
    };
  };
  readonly token: {
    readonly in: "body" | "cookie" | "header";
    /** body: where the token goes in the success body (JSON pointer). */
    readonly pointer?: string;
    /** cookie: its name; the attributes are the success response's `x-cookie` contract. */
    readonly cookie?: string;
    /** header: the response header that carries it. */
    readonly header?: string;
    /** Default: the cookie's Max-Age, else `x-token-lifetime-seconds` on the token's schema. */
    readonly lifetimeSeconds?: number;
    readonly expiresAt?: {
      readonly pointer: string;
      readonly format: "date-time" | "unix-seconds" | "seconds-from-now";
    };
    /** Where a fresh opaque refresh token goes in the success body. */
    readonly refresh?: string;
    /** Extra claims, each read from the account's profile by JSON pointer (`sub` is always in). */
    readonly claims?: Readonly<Record<string, string>>;
  };
  readonly profile?: {
    /** Where the account's profile goes in the success body. */
    readonly pointer: string;
    /** Where the profile repeats the identity (kept equal to it). */
    readonly identity?: string;
    /** Where the profile holds the account id, the tokens' `sub`. */
    readonly subject?: string;
    readonly onLogin?: readonly ProfileUpdate[];
  };
  readonly accounts: readonly DeclaredAccount[];
  /** An identity no account has, for the unknown-account outcome. */
  readonly unknownIdentity: string;
  /** Identities match trimmed and case-insensitively (emails) unless this is true. */
  readonly caseSensitiveIdentity?: boolean;
  readonly refresh?: RefreshExtension;
  readonly logout?: LogoutExtension;
}

const pointer = {
  type: "string",
  pattern: "^(/([^~/]|~[01])*)*$",
  description: "A JSON pointer (RFC 6901), e.g. /data/accessToken",
} as const;
const exampleName = {
  type: "string",
  minLength: 1,
  description: "The name of a response example of this operation",
} as const;
const fieldName = {
  type: "string",
  minLength: 1,
  description: "A top-level property of the request body's schema",
} as const;

const operation = {
  type: "string",
  pattern: "^(GET|PUT|POST|DELETE|PATCH|OPTIONS|HEAD) /",
  description: "An operation of this document as `METHOD /path`, e.g. POST /auth/refresh",
} as const;
const expiresAt = {
  type: "object",
  additionalProperties: false,
  required: ["pointer", "format"],
  properties: {
    pointer,
    format: { enum: ["date-time", "unix-seconds", "seconds-from-now"] },
  },
} as const;

/** The extension's own JSON Schema (2020-12). */
export const LOGIN_EXTENSION_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "x-login-mock",
  type: "object",
  additionalProperties: false,
  required: ["identity", "secret", "outcomes", "token", "accounts", "unknownIdentity"],
  properties: {
    id: { type: "string", pattern: "^[a-z][a-z0-9-]{0,31}$" },
    aliases: { type: "array", items: { type: "string", pattern: "^/" }, maxItems: 8 },
    identity: fieldName,
    secret: fieldName,
    challenge: {
      type: "object",
      additionalProperties: false,
      required: ["field", "rejected"],
      properties: { field: fieldName, rejected: exampleName },
    },
    outcomes: {
      type: "object",
      additionalProperties: false,
      required: ["success", "invalidRequest", "unknownAccount", "wrongSecret"],
      properties: {
        success: exampleName,
        invalidRequest: exampleName,
        malformedIdentity: exampleName,
        unknownAccount: exampleName,
        wrongSecret: exampleName,
        lockedOut: {
          type: "object",
          additionalProperties: false,
          required: ["example", "after", "seconds"],
          properties: {
            example: exampleName,
            after: { type: "integer", minimum: 1, maximum: 1000 },
            seconds: { type: "integer", minimum: 1, maximum: 86400 },
            optIn: { type: "boolean" },
          },
        },
      },
    },
    token: {
      type: "object",
      additionalProperties: false,
      required: ["in"],
      properties: {
        in: { enum: ["body", "cookie", "header"] },
        pointer,
        cookie: { type: "string", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        header: { type: "string", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        lifetimeSeconds: { type: "integer", minimum: 1, maximum: 315360000 },
        expiresAt,
        refresh: pointer,
        claims: {
          type: "object",
          additionalProperties: pointer,
          // The mock sets these itself: the account's subject and the token's times. `__proto__`
          // would set the claims object's prototype, not a claim.
          propertyNames: { not: { enum: ["sub", "iat", "exp", "nbf", "sid", "__proto__"] } },
          maxProperties: 16,
        },
      },
    },
    profile: {
      type: "object",
      additionalProperties: false,
      required: ["pointer"],
      properties: {
        pointer,
        identity: pointer,
        subject: pointer,
        onLogin: {
          type: "array",
          maxItems: 16,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["pointer", "set"],
            properties: { pointer, set: { enum: ["now", "increment"] } },
          },
        },
      },
    },
    accounts: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["identity", "secret"],
        properties: {
          identity: { type: "string", minLength: 1 },
          secret: { type: "string", minLength: 1 },
          subject: { type: "string", minLength: 1 },
          profile: { type: "object" },
          answer: exampleName,
          note: { type: "string" },
        },
      },
    },
    unknownIdentity: { type: "string", minLength: 1 },
    caseSensitiveIdentity: { type: "boolean" },
    refresh: {
      type: "object",
      additionalProperties: false,
      required: ["operation", "field", "outcomes"],
      properties: {
        operation,
        field: fieldName,
        rotate: { type: "boolean" },
        lifetimeSeconds: { type: "integer", minimum: 1, maximum: 315360000 },
        token: {
          type: "object",
          additionalProperties: false,
          properties: { pointer, expiresAt, refresh: pointer },
        },
        outcomes: {
          type: "object",
          additionalProperties: false,
          required: ["success", "invalidRequest", "unknownToken"],
          properties: {
            success: exampleName,
            invalidRequest: exampleName,
            unknownToken: exampleName,
            expiredToken: exampleName,
            reusedToken: exampleName,
          },
        },
      },
    },
    logout: {
      type: "object",
      additionalProperties: false,
      required: ["operation", "outcomes"],
      properties: {
        operation,
        field: fieldName,
        outcomes: {
          type: "object",
          additionalProperties: false,
          required: ["success"],
          properties: {
            success: exampleName,
            unauthenticated: exampleName,
            invalidRequest: exampleName,
          },
        },
      },
    },
  },
};
