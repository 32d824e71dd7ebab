/**
 * A tolerance, element by element: |actual - expected| <= rel * |expected| + abs (`combine: 'sum'`,
 * the default, as numpy's isclose), or <= max(rel * |expected|, abs) (`combine: 'max'`: either bound
 * suffices). `abs` is one number or one per element, for bounds that scale with each input.
 */
export interface Tolerance {
  rel: number;
  abs: number | ArrayLike<number>;
  combine?: 'sum' | 'max';
}

/**
 * S2.8: float32 results agree with a float64 evaluation to 1e-5 relative, or 1e-6 absolute near
 * zero: the larger of the two bounds, as the conformance suite's `agrees` reads the clause.
 */
export const FLOAT32_AGREEMENT: Tolerance = { rel: 1e-5, abs: 1e-6, combine: 'max' };

/**
 * Why `actual` does not agree with `expected` within `tolerance`, or undefined when it does: the
 * lengths differ, or an element is out of tolerance (the first one is named with its index, both
 * values and the bound, and the count of such elements is given). NaN agrees only with NaN; an
 * infinity only with itself.
 */
export function disagreement(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance = FLOAT32_AGREEMENT,
): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  const { rel, abs, combine = 'sum' } = tolerance;
  if (typeof abs !== 'number' && abs.length !== expected.length) {
    throw new Error(`tolerance: ${abs.length} absolute bounds for ${expected.length} elements`);
  }
  let first = '';
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    if (Number.isNaN(e) ? Number.isNaN(a) : a === e) continue;
    const absolute = typeof abs === 'number' ? abs : abs[i];
    const relative = rel * Math.abs(e);
    const bound = combine === 'sum' ? relative + absolute : Math.max(relative, absolute);
    if (Number.isFinite(a) && Number.isFinite(e) && Math.abs(a - e) <= bound) continue;
    if (count++ === 0) {
      const rule =
        combine === 'sum' ? `${rel} * |expected| + ${absolute}` : `max(${rel} * |expected|, ${absolute})`;
      first = `element ${i}: ${a}, expected ${e} (|difference| ${Math.abs(a - e)}, bound ${bound} = ${rule})`;
    }
  }
  if (count === 0) return undefined;
  return count === 1 ? first : `${first}; ${count} of ${expected.length} elements disagree`;
}
