// A seeded PRNG (mulberry32), so a chaos run with the same seed draws the same inputs and fault moments.

export interface Random {
  seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A PRNG of its own for one case, so cases do not shift each other's draws. */
  fork(salt: number): Random;
}

/** Creates a PRNG from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    fork: (salt) => createRandom((Math.imul(seed ^ 0x9e3779b9, 31) + salt * 7919) >>> 0),
  };
  return random;
}
