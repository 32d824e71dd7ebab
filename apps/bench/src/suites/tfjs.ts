/**
 * @sparseout/tfjs rows, on the cpu and wasm backends:
 * - the fused `sparseout` op against `tf.dropout` on the same backend, 2^20 float32 elements,
 *   rate 0.5, q = 1.5 (targets 0.5x on cpu, 1.0x on wasm);
 * - one training step (trainOnBatch) of an MLP 784-512-512-10, batch 128, with two Sparseout
 *   layers against the same MLP with two Dropout layers (target 1.10x on both backends).
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { sparseout, sparseoutLayer } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mlp } from '../mlp.js';
import type { BenchSuite, TimeCase } from '../types.js';

const RATE = 0.5;
const Q = 1.5;
const BACKENDS = ['cpu', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];

const OP_TARGETS: Record<Backend, number> = { cpu: 0.5, wasm: 1.0 };
const MLP_TARGET = 1.1;

async function useBackend(backend: Backend): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
}

function opCase(backend: Backend): TimeCase {
  return {
    kind: 'time',
    name: `${backend}: sparseout op, 2^20 f32, rate ${RATE}, q ${Q}`,
    baseline: `tf.dropout (${backend})`,
    target: OP_TARGETS[backend],
    async setup({ quick }) {
      await useBackend(backend);
      const x = tf.randomNormal([2 ** (quick ? 14 : 20)]);
      return {
        candidate: () => tf.dispose(sparseout(x, { rate: RATE, q: Q })),
        baseline: () => tf.dispose(tf.dropout(x, RATE)),
        elements: x.size,
        teardown: () => x.dispose(),
      };
    },
  };
}

function mlpCase(backend: Backend): TimeCase {
  return {
    kind: 'time',
    name: `${backend}: MLP 784-512-512-10 training step, batch 128, Sparseout layers (rate ${RATE}, q ${Q})`,
    baseline: `same MLP with tf.layers.dropout (${backend})`,
    target: MLP_TARGET,
    async setup({ quick }) {
      await useBackend(backend);
      const [hidden, batch] = quick ? [64, 16] : [512, 128];
      const withSparseout = mlp(hidden, () => sparseoutLayer({ rate: RATE, q: Q }));
      const withDropout = mlp(hidden, () => tfl.layers.dropout({ rate: RATE }));
      const xs = tf.randomUniform([batch, 784]);
      const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10), 'float32'));
      return {
        candidate: () => withSparseout.trainOnBatch(xs, ys),
        baseline: () => withDropout.trainOnBatch(xs, ys),
        // Per activation entering the two regularising layers.
        elements: batch * hidden * 2,
        teardown: () => {
          tf.dispose([xs, ys]);
          withSparseout.dispose();
          withDropout.dispose();
        },
      };
    },
  };
}

const suite: BenchSuite = {
  name: 'tfjs',
  cases: [...BACKENDS.map(opCase), ...BACKENDS.map(mlpCase)],
};

export default suite;
