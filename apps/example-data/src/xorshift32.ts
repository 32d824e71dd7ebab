/**
 * Marsaglia's xorshift32 (shifts 13, 17, 5): a generator of 32-bit unsigned integers, never 0.
 * Seed 0 is taken as 1. Cheap and deterministic: the examples use it for shuffles, weights and noise.
 */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** Uniform numbers in [0, 1): xorshift32(seed) divided by 2^32. */
export function uniformRandom(seed: number): () => number {
  const next = xorshift32(seed);
  return () => next() / 2 ** 32;
}
