/**
 * The adapter for @sparseout/core itself: the first subject of the suite, with every capability,
 * on each of core's kernel backends.
 * `@sparseout/conformance/core-adapter`'s default export.
 */
import {
  bernoulliMask,
  getKernelBackend,
  hoyerSparsity,
  type KernelBackend,
  randomSeed,
  SparseoutError,
  setKernelBackend,
  sparseout,
  sparseoutBackward,
  sparseoutForward,
  validateParams,
  wasmKernelsAvailable,
} from '@sparseout/core';
import type { BackwardRequest, ForwardRequest, SparseoutAdapter, TensorData } from './adapter.js';

const shaped = (data: Float32Array | Float64Array, like: TensorData): TensorData => ({
  data,
  shape: [...like.shape],
});

/** S4.1: one seeded bit per noise-shape cell, broadcast over `shape` (as tfjs `noiseShape`). */
function noiseShapeMask(request: ForwardRequest, noiseShape: number[]): Uint8Array {
  const { shape } = request.x;
  if (noiseShape.length !== shape.length || noiseShape.some((d, i) => d !== 1 && d !== shape[i])) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `noiseShape must have x's rank with each dim 1 or x's dim, got [${noiseShape.join(', ')}] for [${shape.join(', ')}]`,
    );
  }
  const cells = noiseShape.reduce((a, b) => a * b, 1);
  const cellMask = bernoulliMask(cells, request.rate, {
    seed: request.seed ?? randomSeed(),
    step: request.step ?? 0,
  });
  const mask = new Uint8Array(request.x.data.length);
  const index = new Array(shape.length).fill(0);
  for (let i = 0; i < mask.length; i++) {
    let cell = 0;
    for (let d = 0; d < shape.length; d++) cell = cell * noiseShape[d] + (noiseShape[d] === 1 ? 0 : index[d]);
    mask[i] = cellMask[cell];
    for (let d = shape.length - 1; d >= 0 && ++index[d] === shape[d]; d--) index[d] = 0;
  }
  return mask;
}

/** The kernel backend in use before `setup`, restored by `teardown`. */
let previousBackend: KernelBackend | undefined;

/**
 * Core's kernel backends: 'js', and 'wasm' (WebAssembly SIMD) where the platform has it. `setup`
 * selects one with setKernelBackend, `teardown` restores the previous one.
 */
export const coreAdapter: SparseoutAdapter = {
  name: '@sparseout/core',
  backends: wasmKernelsAvailable() ? ['js', 'wasm'] : ['js'],
  setup(backend: string) {
    previousBackend = getKernelBackend();
    setKernelBackend(backend as KernelBackend);
  },
  teardown() {
    if (previousBackend !== undefined) setKernelBackend(previousBackend);
    previousBackend = undefined;
  },
  supports: {
    explicitMask: true,
    seededMask: true,
    gradient: { reference: true, exact: true },
    noiseShape: true,
    float64: true,
    inference: true,
  },
  async forward(request: ForwardRequest) {
    const { x, rate, q, epsilon, training, seed, step, noiseShape } = request;
    const params = { rate, q, ...(epsilon === undefined ? {} : { epsilon }) };
    let mask = request.mask;
    if (mask === undefined && noiseShape !== undefined && training !== false) {
      validateParams(params);
      mask = noiseShapeMask(request, noiseShape);
    }
    if (mask !== undefined && training !== false) {
      return { y: shaped(sparseoutForward(x.data, mask, params), x), mask };
    }
    const result = sparseout(x.data, { ...params, training, seed, step });
    return { y: shaped(result.y, x), mask: result.mask };
  },
  async backward(request: BackwardRequest) {
    const { dy, x, mask, rate, q, epsilon, gradient, training } = request;
    const params = { rate, q, gradient, training, ...(epsilon === undefined ? {} : { epsilon }) };
    return { dx: shaped(sparseoutBackward(dy.data, x.data, mask, params), dy) };
  },
  async hoyerSparsity(x: TensorData) {
    return hoyerSparsity(x.data);
  },
};

export default coreAdapter;
