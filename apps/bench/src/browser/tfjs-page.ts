/**
 * The page of the `tfjs-browser` suite (suites/tfjs-browser.ts), bundled by esbuild and run in
 * headless Chromium: each exported step runs one call of one side of a row on the page's active
 * tfjs backend and resolves when the GPU has finished it.
 */
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { sparseout, sparseoutLayer } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mlp } from '../mlp.js';

let x: tf.Tensor | undefined;
let models: { sparseout: tfl.Sequential; dropout: tfl.Sequential } | undefined;
let batch: { xs: tf.Tensor; ys: tf.Tensor } | undefined;

/**
 * Waits until the GPU has run the op that made `y`. webgl: reads back y's first element through
 * a one-element slice, which the GPU runs after everything queued before it (gl.finish() returns
 * before SwiftShader is done in Chromium, tfjs's fence polling added 100+ ms in trials, and
 * reading all 2^20 values took about 40 ms, as much as the op). webgpu: ends tfjs's open compute
 * pass, submits its commands and waits for the queue.
 */
async function finish(y: tf.Tensor): Promise<void> {
  const backend = tf.backend() as unknown as {
    device?: { queue: { onSubmittedWorkDone(): Promise<void> } };
    ensureCommandEncoderReady?: () => void;
    endComputePassEncoder?: () => void;
    submitQueue?: () => void;
  };
  if (!backend.device) {
    const first = tf.slice(y, new Array<number>(y.rank).fill(0), new Array<number>(y.rank).fill(1));
    await first.data();
    first.dispose();
    return;
  }
  backend.ensureCommandEncoderReady?.();
  backend.endComputePassEncoder?.();
  backend.submitQueue?.();
  await backend.device.queue.onSubmittedWorkDone();
}

/** Activates `backend`; throws with the reason when it cannot start (no WebGPU adapter). */
async function use(backend: string): Promise<string> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (backend === 'webgpu' && !(gpu && (await gpu.requestAdapter()))) {
    throw new Error('no WebGPU adapter in this browser');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}

async function setupOp(backend: string, size: number): Promise<string> {
  const active = await use(backend);
  x = tf.randomNormal([size]);
  await finish(x);
  return active;
}

async function op(side: 'sparseout' | 'dropout', rate: number, q: number): Promise<void> {
  if (!x) throw new Error('setupOp first');
  const y = side === 'sparseout' ? sparseout(x, { rate, q }) : tf.dropout(x, rate);
  await finish(y);
  y.dispose();
}

async function setupMlp(
  backend: string,
  hidden: number,
  size: number,
  rate: number,
  q: number,
): Promise<string> {
  const active = await use(backend);
  models = {
    sparseout: mlp(hidden, () => sparseoutLayer({ rate, q })),
    dropout: mlp(hidden, () => tfl.layers.dropout({ rate })),
  };
  const xs = tf.randomUniform([size, 784]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.randomUniform([size], 0, 10, 'int32'), 10), 'float32'));
  batch = { xs, ys };
  return active;
}

/** One training step; trainOnBatch resolves once the loss is read back, so the GPU is done. */
async function step(side: 'sparseout' | 'dropout'): Promise<void> {
  if (!models || !batch) throw new Error('setupMlp first');
  await models[side].trainOnBatch(batch.xs, batch.ys);
}

function teardown(): void {
  if (x) x.dispose();
  if (batch) tf.dispose([batch.xs, batch.ys]);
  models?.sparseout.dispose();
  models?.dropout.dispose();
  x = undefined;
  batch = undefined;
  models = undefined;
}

Object.assign(globalThis, { __sparseoutBench: { setupOp, op, setupMlp, step, teardown } });
