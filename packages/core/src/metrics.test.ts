import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationStats, hoyerSparsity, lqNorm } from './metrics.js';

describe('S7.1 Hoyer sparsity', () => {
  it('S7.1 one non-zero gives 1', () => {
    expect(hoyerSparsity([0, 0, 3, 0])).toBe(1);
  });

  it('S7.1 all-equal magnitudes give 0', () => {
    expect(hoyerSparsity(new Float32Array([2, -2, 2, -2, 2]))).toBeCloseTo(0, 12);
  });

  it('S7.1 an all-zero vector counts as 1', () => {
    expect(hoyerSparsity(new Float64Array(10))).toBe(1);
  });

  it('S7.1 a worked example: [1, 1, 0, 0] gives 2 - sqrt(2)', () => {
    // n = 4, L1 = 2, L2 = sqrt(2): (2 - sqrt(2)) / (2 - 1).
    expect(hoyerSparsity([1, 1, 0, 0])).toBeCloseTo(2 - Math.SQRT2, 12);
  });

  it('S7.1 always in [0, 1], and scale-invariant', () => {
    fc.assert(
      fc.property(
        // Magnitudes below 1e-100 are mapped to exact zeros: scaling a subnormal by 1e-3 underflows
        // to zero and really changes the vector's sparsity, which is not what this property is about.
        fc.array(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-100 ? 0 : v)),
          { minLength: 2, maxLength: 50 },
        ),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, scale) => {
          const h = hoyerSparsity(values);
          expect(h).toBeGreaterThanOrEqual(0);
          expect(h).toBeLessThanOrEqual(1);
          expect(hoyerSparsity(values.map((v) => v * scale))).toBeCloseTo(h, 6);
        },
      ),
    );
  });

  it('S7.1 float64 magnitudes whose squares leave the float64 range (1e200, 1e-200) keep their value', () => {
    // Equal magnitudes give 0, and [a, a, 0] gives (sqrt(3) - sqrt(2)) / (sqrt(3) - 1), at any scale.
    const twoOfThree = (Math.sqrt(3) - Math.SQRT2) / (Math.sqrt(3) - 1);
    for (const a of [1e200, 1e-200, 1e300, 5e-324 * 2 ** 10]) {
      expect(hoyerSparsity(new Float64Array([a, -a]))).toBeCloseTo(0, 12);
      expect(hoyerSparsity([a, a, 0])).toBeCloseTo(twoOfThree, 12);
    }
    expect(hoyerSparsity([1.7e308, 1.7e308, 1.7e308, 0])).toBeCloseTo(hoyerSparsity([1, 1, 1, 0]), 12);
  });

  it('S7.1 needs n > 1 (typed error)', () => {
    expect(() => hoyerSparsity([1])).toThrowError(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_INPUT' }),
    );
  });
});

describe('S7.2 L_q norm and activation statistics', () => {
  it('S7.2 L_q norms of known vectors', () => {
    expect(lqNorm([3, -4], 2)).toBeCloseTo(5, 12);
    expect(lqNorm([3, -4], 1)).toBeCloseTo(7, 12);
    expect(lqNorm([1, 1, 1, 1], 0.5)).toBeCloseTo(16, 12);
    expect(lqNorm([0, 2, 0, -1], 0)).toBe(2);
    expect(lqNorm([1e200, 1e200], 2)).toBeCloseTo(Math.SQRT2 * 1e200, -188);
  });

  it('S7.2 reports zero fractions, the L_q norm for the q in use, and a histogram', () => {
    const values = new Float32Array([0, 0, 5e-4, -2, 1, 3, 0, 0.5]);
    const stats = activationStats(values, { q: 1, bins: 4 });
    expect(stats.n).toBe(8);
    expect(stats.zeroFraction).toBe(3 / 8);
    expect(stats.nearZeroFraction).toBe(4 / 8);
    expect(stats.q).toBe(1);
    expect(stats.lqNorm).toBeCloseTo(lqNorm(values, 1), 10);
    expect(stats.hoyer).toBeCloseTo(hoyerSparsity(values), 12);
    expect(stats.histogram.counts.reduce((s, c) => s + c, 0)).toBe(8);
    expect(stats.histogram.edges).toHaveLength(5);
    expect(stats.histogram.edges[0]).toBe(-2);
    expect(stats.histogram.edges[4]).toBe(3);
    expect(stats.min).toBe(-2);
    expect(stats.max).toBe(3);
  });

  it('S7.2 the histogram spans the finite values: infinities (a diverged float32 run) count in the end bins', () => {
    const stats = activationStats(new Float32Array([-Infinity, 1, 2, 3, 4, Infinity, Infinity]), { bins: 3 });
    expect(stats.histogram.edges).toEqual([1, 2, 3, 4]);
    expect(stats.histogram.counts).toEqual([2, 1, 4]);
    expect(stats.min).toBe(Number.NEGATIVE_INFINITY);
    expect(stats.max).toBe(Number.POSITIVE_INFINITY);
    const onlyInfinite = activationStats([Infinity, -Infinity], { bins: 2 });
    expect(onlyInfinite.histogram.edges.every(Number.isFinite)).toBe(true);
    expect(onlyInfinite.histogram.counts).toEqual([1, 1]);
  });

  it('S7.2 a float64 range wider than the float64 maximum keeps its edges and bins', () => {
    const stats = activationStats(new Float64Array([-1e308, 0, 1e308, 5e307]), { bins: 4 });
    expect(stats.histogram.edges).toEqual([-1e308, -5e307, 0, 5e307, 1e308]);
    expect(stats.histogram.counts).toEqual([1, 0, 1, 2]);
  });
});
