// A complete minimal Sparseout adapter. A real one converts its framework's tensors to and from
// { data, shape } and runs the framework's own ops; this one computes on the typed arrays directly
// with @sparseout/core, so it passes every check it declares.
import { sparseout, sparseoutBackward, sparseoutForward } from '@sparseout/core';

/** @type {import('@sparseout/conformance').SparseoutAdapter} */
const adapter = {
  name: 'my-framework-sparseout',
  backends: ['cpu'],
  supports: {
    explicitMask: true, // forward accepts request.mask
    seededMask: true, // request.seed / request.step give core's Philox masks (S4.2)
    gradient: { reference: true, exact: true },
    noiseShape: false,
    float64: true,
    inference: true,
  },
  async setup(_backend, _environment) {
    // Select the backend in your framework here, for example `await tf.setBackend(_backend)`.
  },
  async forward({ x, rate, q, epsilon, training, mask, seed, step }) {
    if (mask && training !== false) {
      return { y: { data: sparseoutForward(x.data, mask, { rate, q, epsilon }), shape: x.shape } };
    }
    const result = sparseout(x.data, { rate, q, epsilon, training, seed, step });
    return { y: { data: result.y, shape: x.shape }, mask: result.mask };
  },
  async backward({ dy, x, mask, rate, q, epsilon, gradient, training }) {
    const dx = sparseoutBackward(dy.data, x.data, mask, { rate, q, epsilon, gradient, training });
    return { dx: { data: dx, shape: dy.shape } };
  },
};

export default adapter;
