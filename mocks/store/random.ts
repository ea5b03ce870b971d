/**
 * A small seeded random source for the crowd of generated users: sfc32 seeded through cyrb128
 * (both public domain, from bryc's "PRNGs in JavaScript"). 32-bit integer arithmetic only, so
 * the same seed gives the same sequence in every engine, on every machine and day; the seed is
 * hashed as text, so every number (negative, fractional, beyond 2^32) seeds a different one.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability?: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** At least `min` of `items`, in their original order. */
  subset<T>(items: readonly T[], min: number): T[];
  /** `length` lower-case hex digits (a MongoDB ObjectId is 24). */
  hex(length: number): string;
  /** `length` letters and digits. */
  alphanumeric(length: number): string;
  /** A version 4 UUID. */
  uuid(): string;
  /** A time in [fromMs, toMs], as milliseconds since the epoch. */
  timeBetween(fromMs: number, toMs: number): number;
}

const ALPHANUMERIC = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"];

export function createRandom(seed: number | string): Random {
  const next = sfc32(...cyrb128(String(seed)));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("[login-mock] Cannot pick from an empty list.");
    return item;
  };
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join("");
  return {
    next,
    int,
    chance: (probability = 0.5) => next() < probability,
    pick,
    subset(items, min) {
      const kept = items.filter(() => next() < 0.5);
      // Top up from the start: still in order, still deterministic.
      for (const item of items) if (kept.length < min && !kept.includes(item)) kept.push(item);
      return items.filter((item) => kept.includes(item));
    },
    hex,
    alphanumeric: (length) => Array.from({ length }, () => pick(ALPHANUMERIC)).join(""),
    uuid() {
      const variant = pick(["8", "9", "a", "b"]);
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
    timeBetween: (fromMs, toMs) => fromMs + Math.floor(next() * (toMs - fromMs + 1)),
  };
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
