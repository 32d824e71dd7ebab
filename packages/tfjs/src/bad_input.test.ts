import { SparseoutError } from '@sparseout/core';
import { mistakenOptions, throwsOnly } from '@sparseout/testkit';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends.testkit.js';
import { sparseoutLayer } from './layer.js';
import { sparseout } from './op.js';

const options = mistakenOptions([
  'rate',
  'q',
  'epsilon',
  'seed',
  'step',
  'gradient',
  'training',
  'noiseShape',
]);

/** Runs `call`; anything thrown must be a SparseoutError (S1.4). */
const typedOrNothing = (call: () => unknown): void => throwsOnly(SparseoutError, call);

describe('S1.4 fuzz: the tfjs op and layer throw nothing but SparseoutError', () => {
  beforeAll(() => useBackend('cpu'));

  it('S1.4 sparseout(x, options): 300 fuzzed option sets', () => {
    const x = tf.tensor2d([0.5, -1, 2, 0], [2, 2]);
    fc.assert(
      fc.property(options, (o) => {
        typedOrNothing(() => tf.tidy(() => sparseout(x, o as never)));
      }),
      { numRuns: 300, seed: 14 },
    );
    x.dispose();
  });

  it('S1.4 sparseoutLayer(args): 300 fuzzed argument sets', () => {
    fc.assert(
      fc.property(options, (o) => {
        typedOrNothing(() => sparseoutLayer(o as never));
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it("S4.2 seed '42' and step '1' are refused by the op and the layer; seed null is absent (amendment A2)", () => {
    const x = tf.tensor1d([0.5, -1, 2, 0]);
    for (const call of [
      () => sparseout(x, { rate: 0.5, q: 1, seed: '42' as never }),
      () => sparseout(x, { rate: 0.5, q: 1, seed: 1, step: '1' as never }),
      () => sparseoutLayer({ rate: 0.5, q: 1, seed: '42' as never }),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }));
    }
    const y = sparseout(x, { rate: 0.5, q: 1, seed: null, step: null });
    expect(y.shape).toEqual([4]);
    tf.dispose([x, y]);
  });
});
