import { describeValue, SparseoutError } from './errors.js';
import { wasmKernels } from './wasm/instance.js';

/**
 * Which implementation runs the float32 kernels: 'js' (plain JavaScript, float64 arithmetic) or
 * 'wasm' (WebAssembly SIMD, float32 arithmetic, S2.8 accuracy). Float64 arrays always run in JS.
 * Both give the same seeded masks bit for bit (S4.4).
 */
export type KernelBackend = 'js' | 'wasm';

let selected: KernelBackend | undefined;

/** Whether this platform can run the WebAssembly SIMD kernels. */
export function wasmKernelsAvailable(): boolean {
  return wasmKernels() !== null;
}

/** The backend in use: 'wasm' by default where available, else 'js'. */
export function getKernelBackend(): KernelBackend {
  if (selected === undefined) selected = wasmKernelsAvailable() ? 'wasm' : 'js';
  return selected;
}

/**
 * Selects the backend for every later call. Throws SPARSEOUT_INVALID_INPUT for another value, or
 * for 'wasm' where WebAssembly SIMD is unavailable.
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (backend !== 'js' && backend !== 'wasm') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `backend must be 'js' or 'wasm', got ${describeValue(backend)}`,
    );
  }
  if (backend === 'wasm' && !wasmKernelsAvailable()) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      'backend wasm is unavailable: no WebAssembly SIMD here',
    );
  }
  selected = backend;
}
