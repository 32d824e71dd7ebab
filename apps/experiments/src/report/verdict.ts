import type { Summary } from './stats.js';

/** How a claimed difference between two arms came out. */
export type Verdict = 'HELD' | 'NOT SHOWN (within seed noise)' | 'DID NOT HOLD';

/** Standard error of the difference of two means over independent seeds. */
export function differenceStandardError(a: Summary, b: Summary): number {
  return Math.sqrt((a.sd * a.sd) / a.n + (b.sd * b.sd) / b.n);
}

/**
 * A claim that `better` beats `baseline` by a positive `margin` (in the claim's direction): HELD if the
 * margin exceeds twice the standard error of the difference over seeds, NOT SHOWN if it is positive
 * but smaller, DID NOT HOLD otherwise. With 2-3 seeds the standard error is itself rough.
 */
export function compareArms(margin: number, better: Summary, baseline: Summary): Verdict {
  if (!(margin > 0)) return 'DID NOT HOLD';
  return margin > 2 * differenceStandardError(better, baseline) ? 'HELD' : 'NOT SHOWN (within seed noise)';
}
