/**
 * Hoeffding's inequality for a mean of n independent variables, the i-th confined to an interval
 * of width R_i: P(|mean - E[mean]| >= t) <= 2 exp(-2 n^2 t^2 / sum R_i^2). Returns the t at which
 * that probability is `delta`: t = sqrt(sum R_i^2 * ln(2 / delta) / 2) / n. S5.4's bound with a
 * stated false-failure rate; it needs no variance estimate, only the ranges.
 */
export function hoeffdingHalfWidth(sumSquaredRanges: number, n: number, delta: number): number {
  if (!(n > 0) || !(delta > 0 && delta < 1)) throw new RangeError(`need n > 0 and 0 < delta < 1`);
  return Math.sqrt((sumSquaredRanges * Math.log(2 / delta)) / 2) / n;
}
