/**
 * Student's t distribution for the paired analysis of experiments 3 and 4, from stdlib's
 * distributions (`@stdlib/stats-base-dists-t-*`), so a critical value is computed for the actual
 * degrees of freedom. Bad arguments throw RangeError (stdlib itself answers NaN).
 */
import cdf from '@stdlib/stats-base-dists-t-cdf';
import quantile from '@stdlib/stats-base-dists-t-quantile';

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  return cdf(t, df);
}

/** The p-quantile of Student's t with `df` degrees of freedom, 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile probability must be in (0, 1), got ${p}`);
  return quantile(p, df);
}

/** The two-sided critical value t(1 - alpha/2, df), e.g. 2.262 for alpha 0.05 and df 9. */
export function tCritical(df: number, alpha = 0.05): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return studentTQuantile(1 - alpha / 2, df);
}
