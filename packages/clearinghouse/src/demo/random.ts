/**
 * Deterministic pseudo-random numbers for the demo data: a seeded generator (mulberry32) and numbers keyed by a
 * string, so that every figure depends only on the seed and on what it is (table, countries, sex, age, year), never
 * on the order in which the generator visits the cells. No `Math.random`: the same seed gives the same output on
 * every run and every platform (32-bit integer arithmetic only).
 */

/** FNV-1a hash of a string, 32 bits unsigned. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The mulberry32 generator: uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Numbers keyed by what they are about, under one seed. */
export class KeyedRandom {
  constructor(readonly seed: number) {}

  /** A uniform number in [0, 1) for `key`: always the same for the same seed and key. */
  unit(key: string): number {
    const next = mulberry32(hash32(`${this.seed}|${key}`));
    next(); // one step away from the hash, so that near keys do not give near numbers
    return next();
  }

  /** A uniform number in [lo, hi) for `key`. */
  between(key: string, lo: number, hi: number): number {
    return lo + (hi - lo) * this.unit(key);
  }
}
