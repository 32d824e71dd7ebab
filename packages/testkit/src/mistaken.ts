import fc from 'fast-check';

/** Values a caller might pass by mistake: strings that look like numbers, null, bigints, tiny epsilons. */
export const mistakenValue = fc.oneof(
  fc.anything(),
  fc.constantFrom('42', '0.5', 'false', null, 1n, -1, 1.5, 2 ** 64, 1e-30, Number.NaN, true, [1], {}),
);

/** Options records with any subset of `keys` present, each a mistaken value (S1.4 fuzzing). */
export function mistakenOptions(keys: readonly string[]) {
  return fc.record(Object.fromEntries(keys.map((key) => [key, mistakenValue])), { requiredKeys: [] });
}

/** Runs `call`; anything it throws must be an `errorClass` (S1.4: a typed error or nothing). */
export function throwsOnly(errorClass: abstract new (...args: never[]) => Error, call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (!(error instanceof errorClass)) throw error;
  }
}
