import { hoyerSparsity } from '@sparseout/core';
import { type Check, ensure } from '../check.js';
import { fmt, tensor } from '../tensors.js';
import { agrees } from '../tolerance.js';

const VECTORS: number[][] = [
  [1, 0, 0, 0],
  [1, 1, 1, 1],
  [0, 0, 0, 0, 0],
  [-2, 2, -2, 2],
  [0.5, -0.25, 3, 0, 0, 1e-3, -7, 0.125],
];

export const s7Checks: Check[] = [
  {
    id: 'S7.1',
    title: "the adapter's Hoyer sparsity metric agrees with core's",
    applies: ({ adapter }) =>
      adapter.hoyerSparsity
        ? undefined
        : 'the adapter exposes no hoyerSparsity: S7 is computed by @sparseout/core on any output',
    async run(context) {
      for (const values of VECTORS) {
        const measured = await context.adapter.hoyerSparsity!(tensor(values, [values.length], 'float32'));
        const expected = hoyerSparsity(Float32Array.from(values));
        ensure(
          agrees(measured, expected, 'float32', 1),
          `[${values.join(', ')}]: ${fmt(expected)}`,
          fmt(measured),
        );
      }
      return {
        expected: `core's hoyerSparsity on ${VECTORS.length} vectors (S2.8 tolerance)`,
        measured: 'as required',
      };
    },
  },
  {
    id: 'S7.2',
    title: 'zero fraction, L_q norm and histogram are reported',
    applies: () => 'core-level: activationStats in @sparseout/core reports them for any adapter output',
    async run() {
      return { expected: '', measured: '' };
    },
  },
];
