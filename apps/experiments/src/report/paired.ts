import { studentTCdf, tCritical } from './student-t.js';

/** A seed-paired comparison: differences d_i = a_i - b_i over n >= 2 seeds, Student's t with n - 1 df. */
export interface PairedAnalysis {
  n: number;
  df: number;
  /** Mean difference d̄. */
  mean: number;
  /** Sample standard deviation of the differences. */
  sd: number;
  /** s_d / √n. */
  standardError: number;
  /** t(1 - alpha/2, n - 1). */
  tCritical: number;
  /** d̄ / (s_d/√n); ±Infinity when every difference is equal and non-zero, NaN when all are zero. */
  t: number;
  /** Two-sided p-value. */
  p: number;
  /** The (1 - alpha) interval d̄ ± tCritical · s_d/√n. */
  low: number;
  high: number;
  alpha: number;
  differences: number[];
}

/**
 * Paired t analysis of `a` against `b` (same length, element i of each from the same seed): the mean
 * of a_i - b_i with its two-sided (1 - alpha) interval from Student's t for the actual degrees of freedom.
 */
export function pairedAnalysis(a: number[], b: number[], alpha = 0.05): PairedAnalysis {
  if (a.length !== b.length)
    throw new RangeError(`paired samples differ in length (${a.length}, ${b.length})`);
  const n = a.length;
  if (n < 2) throw new RangeError(`a paired analysis needs at least 2 pairs, got ${n}`);
  const differences = a.map((v, i) => v - b[i]);
  if (!differences.every(Number.isFinite)) throw new RangeError('paired samples must be finite numbers');
  const mean = differences.reduce((s, d) => s + d, 0) / n;
  const sd = Math.sqrt(differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1));
  const standardError = sd / Math.sqrt(n);
  const df = n - 1;
  const critical = tCritical(df, alpha);
  const t = standardError > 0 ? mean / standardError : mean === 0 ? Number.NaN : Math.sign(mean) * Infinity;
  const p = Number.isNaN(t) ? 1 : 2 * studentTCdf(-Math.abs(t), df);
  return {
    n,
    df,
    mean,
    sd,
    standardError,
    tCritical: critical,
    t,
    p,
    low: mean - critical * standardError,
    high: mean + critical * standardError,
    alpha,
    differences,
  };
}

/** Welch's unpaired interval for mean(a) - mean(b), kept beside the paired one as context. */
export interface WelchAnalysis {
  mean: number;
  standardError: number;
  df: number;
  tCritical: number;
  low: number;
  high: number;
}

export function welchAnalysis(a: number[], b: number[], alpha = 0.05): WelchAnalysis {
  if (a.length < 2 || b.length < 2) throw new RangeError('Welch needs at least 2 values per sample');
  const stats = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return { m, v: v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1) / v.length };
  };
  const sa = stats(a);
  const sb = stats(b);
  const mean = sa.m - sb.m;
  const variance = sa.v + sb.v;
  const standardError = Math.sqrt(variance);
  // Welch-Satterthwaite degrees of freedom (n - 1 each when both variances are zero).
  const df =
    variance > 0
      ? variance ** 2 / (sa.v ** 2 / (a.length - 1) + sb.v ** 2 / (b.length - 1))
      : a.length + b.length - 2;
  const critical = tCritical(df, alpha);
  return {
    mean,
    standardError,
    df,
    tCritical: critical,
    low: mean - critical * standardError,
    high: mean + critical * standardError,
  };
}

/** The pre-registered verdicts (apps/experiments/README.md, "Pre-registered design"). */
export type PairedVerdict =
  | 'HELD'
  | 'NOT SHOWN'
  | 'DID NOT HOLD'
  | 'NOT TESTABLE IN THIS REGIME'
  | `incomplete: ${number} of ${number} seeds`;

/**
 * Verdict of a claim from its gate (Dropout against rate 0, in Dropout's favour) and its primary
 * comparison (claimed arm against Dropout, in the claim's direction), both seed-paired: no verdict
 * until `complete` of `planned` seeds are in; the gate passes when its interval is above zero; then
 * HELD / DID NOT HOLD when the claim's interval is above / below zero, NOT SHOWN when it holds zero.
 */
export function pairedVerdict(
  gate: PairedAnalysis | undefined,
  claim: PairedAnalysis | undefined,
  complete: number,
  planned: number,
): PairedVerdict {
  if (complete < planned || !gate || !claim) return `incomplete: ${complete} of ${planned} seeds`;
  if (!(gate.low > 0)) return 'NOT TESTABLE IN THIS REGIME';
  if (claim.low > 0) return 'HELD';
  if (claim.high < 0) return 'DID NOT HOLD';
  return 'NOT SHOWN';
}
