/**
 * The Vitest matcher `toAgree`: `import '@sparseout/testkit/matchers'` in a test file registers it
 * (expect.extend) and types it, as `@testing-library/jest-dom/vitest` does.
 *
 *   expect(y).toAgree(expected);                              // S2.8: FLOAT32_AGREEMENT
 *   expect(y).toAgree(expected, { rel: 1e-12 });              // relative only (abs 0)
 *   expect(y).toAgree(expected, { rel: 1e-7, abs: bounds });  // one absolute bound per element
 *   expect(y).toAgree(expected, { rel: 1e-6, abs: 1e-8, combine: 'max' }); // either bound suffices
 *
 * Without a tolerance it is S2.8's float32 agreement; a tolerance given leaves out nothing: an
 * unset `rel` or `abs` is 0. Numbers and arrays of numbers (typed or plain) compare alike.
 */
import { expect } from 'vitest';
import { disagreement, FLOAT32_AGREEMENT, type Tolerance } from './agree.js';

/** The matcher's tolerance: `rel` and `abs` default to 0 when a tolerance is given. */
export type AgreeTolerance = Partial<Tolerance>;

interface AgreeMatchers<R = unknown> {
  /** Each element within tolerance of `expected` (default S2.8's float32 agreement), same length. */
  toAgree(expected: number | ArrayLike<number>, tolerance?: AgreeTolerance): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the declaration merges with Vitest's own `Matchers<T = any>`.
  interface Matchers<T = any> extends AgreeMatchers<T> {}
}

function numbers(value: unknown, what: string): ArrayLike<number> {
  if (typeof value === 'number') return [value];
  const list = value as ArrayLike<unknown> | null;
  if (list !== null && typeof list === 'object' && typeof list.length === 'number') {
    if (Array.from(list).every((v) => typeof v === 'number')) return list as ArrayLike<number>;
  }
  throw new TypeError(`toAgree: ${what} must be a number or an array of numbers, got ${String(value)}`);
}

expect.extend({
  toAgree(received: unknown, expected: unknown, tolerance?: AgreeTolerance) {
    const resolved: Tolerance =
      tolerance === undefined
        ? FLOAT32_AGREEMENT
        : { rel: tolerance.rel ?? 0, abs: tolerance.abs ?? 0, combine: tolerance.combine };
    const reason = disagreement(numbers(received, 'the value'), numbers(expected, 'expected'), resolved);
    return {
      pass: reason === undefined,
      message: () =>
        reason === undefined
          ? `expected not to agree within rel ${resolved.rel}, abs ${typeof resolved.abs === 'number' ? resolved.abs : 'per element'}, but every element does`
          : `expected to agree: ${reason}`,
    };
  },
});
