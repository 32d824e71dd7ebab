/** A tolerance: |actual - expected| <= rel * |expected| + abs, element by element. */
export interface Tolerance {
  rel: number;
  abs: number;
}

/** S2.8: float32 results agree with a float64 evaluation to 1e-5 relative, 1e-6 absolute near zero. */
export const FLOAT32_AGREEMENT: Tolerance = { rel: 1e-5, abs: 1e-6 };

/**
 * Throws, naming the first element out of tolerance (index, both values, the bound), unless
 * `actual` and `expected` have the same length and every |actual - expected| is within
 * rel * |expected| + abs. NaN agrees only with NaN; an infinity only with itself.
 */
export function assertAgree(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance = FLOAT32_AGREEMENT,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length}, expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (Number.isNaN(e) ? Number.isNaN(a) : a === e) continue;
    const bound = tolerance.rel * Math.abs(e) + tolerance.abs;
    if (!Number.isFinite(a) || !Number.isFinite(e) || !(Math.abs(a - e) <= bound)) {
      throw new Error(`element ${i}: ${a}, expected ${e} (bound ${bound})`);
    }
  }
}
