/**
 * The server-side state a refresh or logout needs, per session: each login of an API that
 * declares either starts a family (its id is the `sid` claim of every access token it issues);
 * each refresh token belongs to one family. A rotated token is kept, marked used, so that
 * sending it again is seen as reuse and revokes the whole family (RFC 9700 §4.14.2); a logout
 * revokes the family of every credential it was sent. whoami reads `revoked` by `sid`.
 * Bounded: the oldest family or token goes first (MAX_TOKEN_FAMILIES, MAX_REFRESH_TOKENS), and
 * a token whose record is gone is unknown, as on a server that forgot it.
 */
import { randomToken } from "../tokens/random-token.ts";

/** Logins (families) one session remembers; the oldest is forgotten first. */
export const MAX_TOKEN_FAMILIES = 500;
/** Refresh tokens one session remembers, used ones included; the oldest is forgotten first. */
export const MAX_REFRESH_TOKENS = 1000;

export interface TokenFamily {
  readonly id: string;
  /** The API id and account identity the family logged in. */
  readonly api: string;
  readonly identity: string;
  revoked: boolean;
}

export interface RefreshRecord {
  readonly family: TokenFamily;
  readonly expiresMs: number;
  used: boolean;
}

export class TokenFamilies {
  readonly #families = new Map<string, TokenFamily>();
  readonly #tokens = new Map<string, RefreshRecord>();
  /**
   * `sid`s are the session's id, which session object it is, and a count: the same logins give
   * the same tokens (a seed's promise), and neither a reset nor a session made again under the
   * same id gives an old token's `sid` to a new login. Not a secret: a token naming a family
   * still needs this mock's signature.
   */
  readonly #prefix: string;
  #started = 0;

  /** `session`: the session's id and incarnation, e.g. `qa-1.3`. */
  constructor(session: string) {
    this.#prefix = `${session}.`;
  }

  /** A new family for a login of `identity` at `api`. */
  start(api: string, identity: string): TokenFamily {
    if (this.#families.size >= MAX_TOKEN_FAMILIES) {
      const oldest = this.#families.keys().next().value;
      if (oldest !== undefined) this.#families.delete(oldest);
    }
    this.#started += 1;
    const id = `${this.#prefix}${this.#started.toString(36)}`;
    const family: TokenFamily = { id, api, identity, revoked: false };
    this.#families.set(family.id, family);
    return family;
  }

  /** A fresh refresh token of `family`, valid until `nowMs` + `lifetimeSeconds`. */
  issue(family: TokenFamily, nowMs: number, lifetimeSeconds: number): string {
    if (this.#tokens.size >= MAX_REFRESH_TOKENS) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
    const token = randomToken();
    this.#tokens.set(token, { family, expiresMs: nowMs + lifetimeSeconds * 1000, used: false });
    return token;
  }

  /** The record of a refresh token this session gave out (and still remembers), for `api`. */
  find(token: string, api: string): RefreshRecord | undefined {
    const record = this.#tokens.get(token);
    if (!record || record.family.api !== api) return undefined;
    // A forgotten login's refresh tokens are forgotten with it.
    return this.#families.get(record.family.id) === record.family ? record : undefined;
  }

  /** The family whose id an access token carries as `sid`, if remembered. */
  family(id: string): TokenFamily | undefined {
    return this.#families.get(id);
  }

  /** Revokes a family: its access tokens read as revoked, its refresh tokens are refused. */
  revoke(family: TokenFamily): void {
    family.revoked = true;
  }

  /** Whether the family an access token names by `sid` was revoked. */
  isRevoked(sid: unknown): boolean {
    return typeof sid === "string" && this.#families.get(sid)?.revoked === true;
  }

  clear(): void {
    this.#families.clear();
    this.#tokens.clear();
  }
}
