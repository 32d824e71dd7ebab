/** Test helpers: the two backends with fused kernels, and deterministic inputs. */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import './register.js';

export const FUSED_BACKENDS = ['cpu', 'wasm'] as const;

/** Makes `name` the active tfjs backend, failing loudly if it cannot load. */
export async function useBackend(name: string): Promise<void> {
  await setBackend(name);
  await ready();
  if (getBackend() !== name) throw new Error(`backend ${name} did not load (active: ${getBackend()})`);
}

/** n deterministic float32 inputs spread over [-2, 2], with exact zeros and tiny magnitudes. */
export function sampleInput(n: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 11 === 0) x[i] = 0;
    else if (i % 13 === 0) x[i] = (i % 2 ? -1 : 1) * 1e-7;
    else x[i] = 2 * Math.sin(i * 12.9898 + 78.233);
  }
  return x;
}
