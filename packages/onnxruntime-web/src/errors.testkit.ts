/** Expectations on the package's errors, shared by the tests (not shipped: no entry imports this). */
import { SparseoutError } from '@sparseout/core';
import { expect } from 'vitest';

/** What `fn` throws (undefined if it returns). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Expects `fn` to throw a SparseoutError (S1.4) with `code` and a message matching `message`. */
export function expectCode(fn: () => unknown, code: string, message: RegExp): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(SparseoutError);
  expect((error as SparseoutError).code).toBe(code);
  expect((error as SparseoutError).message).toMatch(message);
}
