/**
 * mulberry32: a small seeded generator of uniform numbers in [0, 1) for building test inputs
 * (not for masks: those are Philox4x32-10, S4.2). The same seed gives the same stream everywhere.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` with Math.random replaced by `mulberry32(seed)` and restores it afterwards, even when
 * `fn` throws: for libraries that draw from Math.random (brain.js's initial weights), so a test
 * sees the same values on every run.
 */
export function withSeededMathRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
