import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ASSETS } from './digits-format.js';

/** Where the page's static files are (the folder of index.html, wherever it is served). */
export const BASE = new URL('.', document.baseURI).href;

/**
 * Selects the tfjs backend: `webgl` where the browser has it, else `wasm` (its .wasm files are
 * copied into the build and found through setWasmPaths). `?backend=wasm` (or webgl, cpu) asks for
 * one. Resolves to the backend in use; throws if none would load.
 */
export async function selectTfjsBackend(): Promise<string> {
  setWasmPaths(new URL(ASSETS.tfjsWasm, BASE).href);
  const asked = new URLSearchParams(location.search).get('backend');
  const order = asked ? [asked] : ['webgl', 'wasm'];
  for (const name of order) {
    if (await tf.setBackend(name).catch(() => false)) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  throw new Error(`no tfjs backend of ${order.join(', ')} would load`);
}
