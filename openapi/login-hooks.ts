/**
 * What a preset may add to its spec where a behaviour truly cannot be data: a crowd of
 * realistic generated accounts, and a realistic profile for a declared account that gives
 * none. A user's spec has no hooks: its store holds its declared accounts, each with a copy of
 * the success example's profile.
 */
import type { Random } from "../mocks/store/random.ts";

/** An account as seeded: the declared fields, a profile the spec's schema accepts. */
export interface SeedAccount {
  readonly identity: string;
  readonly secret: string;
  readonly subject?: string;
  readonly profile?: Readonly<Record<string, unknown>>;
  readonly answer?: string;
}

export interface LoginHooks {
  /** Generated accounts besides the declared ones, drawn from the seeded `random`. */
  readonly crowd?: (random: Random, referenceMs: number) => SeedAccount[];
  /** A generated profile for a declared account, before its own `profile` keys are laid over. */
  readonly profileFor?: (
    random: Random,
    referenceMs: number,
    identity: string,
  ) => Readonly<Record<string, unknown>>;
}
