import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-layers registers the gradients of the core ops (tfjs-core alone does not).
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmConv2dFilterGrad } from './wasm-conv2d-filter-grad.js';

/** The two tfjs backends that run in Node here (tfjs-node cannot install). */
export type BackendName = 'wasm' | 'cpu';

/**
 * Selects a tfjs backend. wasm is the default of every experiment: measured in experiment 5 (cost), it
 * trains these models several times faster than cpu. The shim lets conv2d train on wasm.
 */
export async function useBackend(name: BackendName): Promise<void> {
  registerWasmConv2dFilterGrad();
  // No "install tfjs-node" banner when the cpu backend is used on purpose (tfjs-node cannot install here).
  tf.env().set('PROD', true);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  }
  await tf.ready();
}
