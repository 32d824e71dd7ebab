import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mistakenOptions, mistakenValue, throwsOnly } from './mistaken.js';

class TypedError extends Error {}

describe('mistaken inputs (S1.4 fuzzing)', () => {
  it('builds records with any subset of the keys, and no other key', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(mistakenOptions(['rate', 'q']), (options) => {
        for (const key of Object.keys(options)) seen.add(key);
        expect(Object.keys(options).every((key) => key === 'rate' || key === 'q')).toBe(true);
      }),
      { seed: 1, numRuns: 200 },
    );
    expect([...seen].sort()).toEqual(['q', 'rate']);
    expect(fc.sample(mistakenValue, { seed: 2, numRuns: 50 }).length).toBe(50);
  });

  it('lets through nothing or the typed error, and rethrows any other', () => {
    expect(() => throwsOnly(TypedError, () => 1)).not.toThrow();
    expect(() =>
      throwsOnly(TypedError, () => {
        throw new TypedError('typed');
      }),
    ).not.toThrow();
    expect(() =>
      throwsOnly(TypedError, () => {
        throw new RangeError('untyped');
      }),
    ).toThrow(RangeError);
  });
});
