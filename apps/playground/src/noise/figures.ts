import { hoyerSparsity, outputVariance, type SparseoutParams } from '@sparseout/core';
import { hoeffdingHalfWidth } from './hoeffding.js';

/** A measured figure, what S5 predicts for it, and the half-width the two must agree within. */
export interface Check {
  measured: number;
  predicted: number;
  /** |measured - predicted| <= bound with probability >= 1 - delta (Hoeffding, given x). */
  bound: number;
}

/** What the noise panel reports for one draw of y = Sparseout(x). */
export interface NoiseFigures {
  n: number;
  delta: number;
  /** S5.3: fraction of dropped units against r. */
  dropped: Check;
  /** S5.1: mean of y - x against 0. */
  meanShift: Check;
  /** S5.2: mean of (y - x)^2, the measured Var[y | x] averaged over x, against the mean of S5.2's Var[y | x]. */
  variance: Check;
  /** S7.1 Hoyer sparsity of x and of y. */
  hoyerX: number;
  hoyerY: number;
}

/**
 * S5.1-S5.3 figures of one draw, each with its Hoeffding bound at false-failure rate `delta`,
 * conditional on x (the draws are independent given x, S4.1). With n_k = r / (1 - r) and
 * c_i = x_i^2 (|x_i| + e)^(q - 2) (so Var[y_i | x_i] = n_k c_i, S5.2): a mask bit lies in [0, 1];
 * y_i - x_i = x_i n g_i lies in an interval of width sqrt(c_i) / (1 - r); (y_i - x_i)^2 is c_i
 * times n_k^2 (kept) or 1 (dropped), an interval of width c_i |n_k^2 - 1|.
 */
export function noiseFigures(
  x: Float32Array,
  y: Float32Array,
  mask: Uint8Array,
  params: Required<Pick<SparseoutParams, 'rate' | 'q'>> & SparseoutParams,
  delta: number,
): NoiseFigures {
  const n = x.length;
  const { rate } = params;
  const keptNoise = rate / (1 - rate);
  let dropped = 0;
  let shift = 0;
  let squares = 0;
  let predicted = 0;
  let shiftRanges = 0;
  let squareRanges = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - x[i];
    if (mask[i] === 0) dropped++;
    shift += d;
    squares += d * d;
    const v = outputVariance(x[i], params);
    predicted += v;
    const c = rate === 0 ? 0 : v / keptNoise;
    shiftRanges += c / (1 - rate) ** 2;
    squareRanges += (c * (keptNoise * keptNoise - 1)) ** 2;
  }
  return {
    n,
    delta,
    dropped: { measured: dropped / n, predicted: rate, bound: hoeffdingHalfWidth(n, n, delta) },
    meanShift: { measured: shift / n, predicted: 0, bound: hoeffdingHalfWidth(shiftRanges, n, delta) },
    variance: {
      measured: squares / n,
      predicted: predicted / n,
      bound: hoeffdingHalfWidth(squareRanges, n, delta),
    },
    hoyerX: hoyerSparsity(x),
    hoyerY: hoyerSparsity(y),
  };
}

/** Whether a check holds: |measured - predicted| <= bound. */
export function holds(check: Check): boolean {
  return Math.abs(check.measured - check.predicted) <= check.bound;
}
