/** Mistaken inputs for the fuzz tests of S1.4: what a caller might pass by accident. */
import { SparseoutError } from '@sparseout/core';
import fc from 'fast-check';

/** Values a caller might pass by mistake: strings that look like numbers, null, bigints, tiny epsilons. */
export const mistakenValue = fc.oneof(
  fc.anything(),
  fc.constantFrom('42', '0.5', 'false', null, 1n, -1, 1.5, 2 ** 64, 1e-30, Number.NaN, true, [1], {}),
);

/** Settings records built from mistaken values, any subset of the keys present. */
export const mistakenSettings = fc.record(
  {
    probability: mistakenValue,
    q: mistakenValue,
    epsilon: mistakenValue,
    seed: mistakenValue,
    step: mistakenValue,
    gradient: mistakenValue,
  },
  { requiredKeys: [] },
);

/** Runs `call`; anything thrown must be a SparseoutError (S1.4). */
export function typedOrNothing(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (!(error instanceof SparseoutError)) throw error;
  }
}
