import { SparseoutError } from '@sparseout/core';
import { describe, expect, it } from 'vitest';
import { nextStep, resolveSettings, seedFromJSON, seedToJSON } from './options.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SparseoutError);
    return (error as SparseoutError).code;
  }
  return undefined;
}

describe('Sparseout settings', () => {
  it('S1.4 names probability (the brain.js word for the rate) and the value in its message', () => {
    expect(() => resolveSettings({ probability: 1.5, q: 1 })).toThrow(
      'probability must be in [0, 1), got 1.5',
    );
  });

  it('S1.4 rejects bad probability, q, epsilon, gradient and seed with their codes', () => {
    expect(codeOf(() => resolveSettings({ probability: 1, q: 1 }))).toBe('SPARSEOUT_INVALID_RATE');
    expect(codeOf(() => resolveSettings({ probability: Number.NaN, q: 1 }))).toBe('SPARSEOUT_INVALID_RATE');
    expect(codeOf(() => resolveSettings({ probability: 0.5, q: -1 }))).toBe('SPARSEOUT_INVALID_Q');
    expect(codeOf(() => resolveSettings({ probability: 0.5, q: 1, epsilon: 0 }))).toBe(
      'SPARSEOUT_INVALID_EPSILON',
    );
    expect(codeOf(() => resolveSettings({ probability: 0.5, q: 1, gradient: 'bogus' as 'exact' }))).toBe(
      'SPARSEOUT_INVALID_INPUT',
    );
    expect(codeOf(() => resolveSettings({ probability: 0.5, q: 1, seed: -1 }))).toBe(
      'SPARSEOUT_INVALID_SEED',
    );
    expect(codeOf(() => resolveSettings(undefined as never))).toBe('SPARSEOUT_INVALID_RATE');
  });

  it('fills in epsilon 1e-12, the reference gradient and a random safe-integer seed', () => {
    const resolved = resolveSettings({ probability: 0.25, q: 1.5 });
    expect(resolved.epsilon).toBe(1e-12);
    expect(resolved.gradient).toBe('reference');
    expect(Number.isSafeInteger(resolved.seed)).toBe(true);
  });

  it("S4.2 a null seed is absent (a random seed), a string seed '42' is refused (amendment A2)", () => {
    expect(Number.isSafeInteger(resolveSettings({ probability: 0.5, q: 1, seed: null }).seed)).toBe(true);
    expect(codeOf(() => resolveSettings({ probability: 0.5, q: 1, seed: '42' as never }))).toBe(
      'SPARSEOUT_INVALID_SEED',
    );
  });

  it('S4.2 stores seeds beyond 2^53 as decimal strings and reads them back', () => {
    const seed = 2n ** 64n - 1n;
    expect(seedToJSON(seed)).toBe('18446744073709551615');
    expect(seedFromJSON(seedToJSON(seed), 'seed')).toBe(seed);
    expect(seedFromJSON(42, 'seed')).toBe(42);
    expect(codeOf(() => seedFromJSON('12abc', 'seed'))).toBe('SPARSEOUT_INVALID_SEED');
  });

  it('S4.4 advances the step past 2^53 as a bigint', () => {
    expect(nextStep(0)).toBe(1);
    expect(nextStep(Number.MAX_SAFE_INTEGER)).toBe(2n ** 53n);
    expect(nextStep(2n ** 60n)).toBe(2n ** 60n + 1n);
  });
});
