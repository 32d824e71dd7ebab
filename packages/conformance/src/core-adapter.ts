/**
 * The adapter for @sparseout/core itself: the first subject of the suite, with every capability.
 * `@sparseout/conformance/core-adapter`'s default export.
 */
import { hoyerSparsity, sparseout, sparseoutBackward, sparseoutForward } from '@sparseout/core';
import type { BackwardRequest, ForwardRequest, SparseoutAdapter, TensorData } from './adapter.js';

const shaped = (data: Float32Array | Float64Array, like: TensorData): TensorData => ({
  data,
  shape: [...like.shape],
});

export const coreAdapter: SparseoutAdapter = {
  name: '@sparseout/core',
  backends: ['js'],
  supports: {
    explicitMask: true,
    seededMask: true,
    gradient: { reference: true, exact: true },
    noiseShape: false,
    float64: true,
    inference: true,
  },
  async forward(request: ForwardRequest) {
    const { x, rate, q, epsilon, training, mask, seed, step } = request;
    const params = { rate, q, ...(epsilon === undefined ? {} : { epsilon }) };
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
