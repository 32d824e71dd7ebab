import { describeValue, SparseoutError } from './errors.js';
import { validateQ } from './params.js';

/** Numbers that metrics accept: any typed float array or plain array. */
export type Values = ArrayLike<number>;

/**
 * S1.4: throws SPARSEOUT_INVALID_INPUT unless `x` is a plain array of numbers or a typed array of
 * numbers (BigInt64Array and BigUint64Array hold bigints, which the arithmetic here refuses).
 */
export function assertValues(x: unknown, name = 'x'): asserts x is Values {
  const numericView =
    ArrayBuffer.isView(x) &&
    !(x instanceof DataView) &&
    !(x instanceof BigInt64Array) &&
    !(x instanceof BigUint64Array);
  let ok = numericView;
  if (Array.isArray(x)) {
    ok = true;
    for (let i = 0; i < x.length && ok; i++) ok = typeof x[i] === 'number';
  }
  if (!ok) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be an array or typed array of numbers, got ${describeValue(x)}`,
    );
  }
}

/**
 * S7.1: Hoyer sparsity (sqrt(n) - L1 / L2) / (sqrt(n) - 1) of n > 1 values, in [0, 1]:
 * 1 for a single non-zero (and for all zeros), 0 when all magnitudes are equal, at any scale of
 * float64 values. NaN in, NaN out (and an infinity, where L1 / L2 is Infinity / Infinity).
 */
export function hoyerSparsity(x: Values): number {
  assertValues(x);
  const n = x.length;
  if (n < 2) {
    throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `hoyerSparsity needs n > 1 values, got ${n}`);
  }
  // L1 / L2 of x / max |x|, which is L1 / L2 of x: squares of float64 values beyond 1e154 or
  // below 1e-154 would overflow or vanish (lqNorm scales the same way).
  const max = maxAbs(x);
  if (Number.isNaN(max) || max === Number.POSITIVE_INFINITY) return Number.NaN;
  if (max === 0) return 1;
  let l1 = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i]) / max;
    l1 += a;
    sumSquares += a * a;
  }
  const rootN = Math.sqrt(n);
  const value = (rootN - l1 / Math.sqrt(sumSquares)) / (rootN - 1);
  return Math.min(1, Math.max(0, value));
}

/** max |x_i|, the scale of hoyerSparsity and lqNorm (0 for no values); NaN if any x_i is NaN. */
function maxAbs(x: Values): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (Number.isNaN(a)) return Number.NaN;
    if (a > max) max = a;
  }
  return max;
}

/**
 * S7.2: the L_q norm (sum |x_i|^q)^(1/q) for q > 0; for q = 0 the count of non-zeros (the L_0
 * "norm"). Computed with scaling by max |x| so large or tiny values neither overflow nor vanish.
 */
export function lqNorm(x: Values, q: number): number {
  assertValues(x);
  validateQ(q);
  const n = x.length;
  if (q === 0) {
    let count = 0;
    for (let i = 0; i < n; i++) if (x[i] !== 0) count += Number.isNaN(x[i]) ? Number.NaN : 1;
    return count;
  }
  const max = maxAbs(x);
  if (Number.isNaN(max)) return Number.NaN;
  if (max === 0) return 0;
  if (max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (Math.abs(x[i]) / max) ** q;
  return max * sum ** (1 / q);
}

/** A histogram over [min, max] in equal bins (S7.2). `edges` has bins + 1 entries. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** What S7.2 reports about a vector of activations. */
export interface ActivationStats {
  n: number;
  /** S7.1 Hoyer sparsity (1 for n < 2 all-zero, NaN for n < 2 otherwise). */
  hoyer: number;
  /** Fraction of values exactly 0. */
  zeroFraction: number;
  /** Fraction of values with |x| < 1e-3. */
  nearZeroFraction: number;
  /** The q the L_q norm below uses. */
  q: number;
  /** S7.2 L_q norm for that q. */
  lqNorm: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  histogram: Histogram;
}

/** Options of `activationStats`. */
export interface ActivationStatsOptions {
  /** The q of the L_q norm reported (the q in use). Default 2. */
  q?: number;
  /** Number of histogram bins, an integer in [1, MAX_HISTOGRAM_BINS]. Default 20. */
  bins?: number;
}

/**
 * The most histogram bins `activationStats` builds (2^20): the histogram's two arrays then take
 * about 16 MB. More is refused with SPARSEOUT_INVALID_INPUT rather than exhausting memory.
 */
export const MAX_HISTOGRAM_BINS = 2 ** 20;

/**
 * S7.2: Hoyer sparsity, zero fractions, L_q norm, moments and a histogram of `x` (NaN values
 * skipped). `options` may be omitted (or null); bins above MAX_HISTOGRAM_BINS are refused.
 */
export function activationStats(x: Values, options?: ActivationStatsOptions | null): ActivationStats {
  assertValues(x);
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `options must be an object, got ${describeValue(options)}`,
    );
  }
  const q = validateQ(options?.q ?? 2);
  const bins = options?.bins ?? 20;
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `bins must be an integer in [1, ${MAX_HISTOGRAM_BINS}], got ${describeValue(bins)}`,
    );
  }
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) values.push(Number(x[i]));
  const n = values.length;
  let zeros = 0;
  let nearZeros = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === 0) zeros++;
    if (Math.abs(v) < 1e-3) nearZeros++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const histogram = histogramOf(values, bins);
  return {
    n,
    hoyer: n > 1 ? hoyerSparsity(values) : n === 1 && values[0] !== 0 ? Number.NaN : 1,
    zeroFraction: n > 0 ? zeros / n : Number.NaN,
    nearZeroFraction: n > 0 ? nearZeros / n : Number.NaN,
    q,
    lqNorm: lqNorm(values, q),
    mean,
    std: n > 0 ? Math.sqrt(squares / n) : Number.NaN,
    min: n > 0 ? min : Number.NaN,
    max: n > 0 ? max : Number.NaN,
    histogram,
  };
}

/**
 * Equal bins over [min, max] of the finite values (S7.2); an infinity counts in the end bin on its
 * side (a diverged float32 run), so the edges stay finite. A range wider than the float64 maximum
 * (hi - lo overflows) gets its width as hi / bins - lo / bins and its edges as weighted means.
 */
function histogramOf(values: number[], bins: number): Histogram {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo && v !== Number.NEGATIVE_INFINITY) lo = v;
    if (v > hi && v !== Number.POSITIVE_INFINITY) hi = v;
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 0;
  }
  const span = (hi - lo) / bins;
  const wide = !Number.isFinite(span);
  const width = hi > lo ? (wide ? hi / bins - lo / bins : span) : 1;
  // lo + i * width overflows too in a wide range; the weighted mean of lo and hi does not.
  const edges = Array.from({ length: bins + 1 }, (_, i) =>
    wide ? lo * (1 - i / bins) + hi * (i / bins) : lo + i * width,
  );
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const offset = v - lo;
    const position = Number.isFinite(offset) || !Number.isFinite(v) ? offset / width : v / width - lo / width;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(position)))]++;
  }
  return { edges, counts };
}
