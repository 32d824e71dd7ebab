/** Mistaken inputs for the fuzz tests of S1.4 (testkit's generators with brain.js's option names). */
import { SparseoutError } from '@sparseout/core';
import { mistakenOptions, throwsOnly } from '@sparseout/testkit';

export { mistakenValue } from '@sparseout/testkit';

/** Settings records built from mistaken values, any subset of the keys present. */
export const mistakenSettings = mistakenOptions(['probability', 'q', 'epsilon', 'seed', 'step', 'gradient']);

/** Runs `call`; anything thrown must be a SparseoutError (S1.4). */
export const typedOrNothing = (call: () => unknown): void => throwsOnly(SparseoutError, call);
