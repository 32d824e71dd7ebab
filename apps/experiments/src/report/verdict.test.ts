import { describe, expect, it } from 'vitest';
import { summarize } from './stats.js';
import { compareArms, differenceStandardError } from './verdict.js';

describe('verdicts on a claimed difference', () => {
  const a = summarize([0.9, 0.91, 0.92]);
  const b = summarize([0.8, 0.81, 0.82]);

  it('the standard error of a difference of means adds the variances of the means', () => {
    expect(differenceStandardError(a, b)).toBeCloseTo(Math.sqrt((2 * 0.0001) / 3), 12);
  });

  it('HELD beyond 2 standard errors, NOT SHOWN when positive but smaller, DID NOT HOLD otherwise', () => {
    expect(compareArms(a.mean - b.mean, a, b)).toBe('HELD');
    expect(compareArms(0.001, a, b)).toBe('NOT SHOWN (within seed noise)');
    expect(compareArms(-0.1, a, b)).toBe('DID NOT HOLD');
    expect(compareArms(Number.NaN, a, b)).toBe('DID NOT HOLD');
  });
});
