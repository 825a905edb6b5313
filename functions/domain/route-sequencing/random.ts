// Seeded PRNG (mulberry32): the perturbations must be reproducible from a seed so that a
// route can be recomputed identically (tests, support questions), and Math.random cannot be seeded.
export type Random = () => number;

/** Uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [low, high]. */
export const randomInt = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
