import { describe, expect, it } from 'vitest';
import { spearman, summarize } from './stats.js';

describe('summary statistics', () => {
  it('summarize gives mean, sample sd, min, max', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect([s.min, s.max, s.n]).toEqual([1, 4, 4]);
    expect(summarize([7]).sd).toBe(0);
  });

  it('spearman is 1 for monotone increasing, -1 for decreasing, handles ties', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [5, 3, 2, 0])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894427, 5);
  });
});
