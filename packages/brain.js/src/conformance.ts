/**
 * The conformance adapter of @sparseout/brain.js (`@sparseout/brain.js/conformance`). On brain.js
 * 1.6.x, which has no layers, every call goes through a brain.js recurrent `Equation` holding the
 * Sparseout state the recurrent nets train with (conformance-equation.ts). On 2.0.0-beta every call
 * goes through brain.js's real layer path. A brain.js `input` layer receives x; a `Sparseout` layer
 * on top of it runs `predict` (forward, S2) and, with its deltas set to dy, `compare` (backward,
 * S3), which writes dx into the input layer's deltas. Masks are explicit (`useMask`) or the
 * layer's own seeded Philox masks (S4.2). brain.js computes in float32 only, so `float64` is false.
 * Backend 'cpu' is gpu.js's CPU mode, the only one Node has; the layer's math never runs in a
 * gpu.js kernel, so it is the same in GPU mode.
 */
import type {
  BackwardRequest,
  BackwardResult,
  ForwardRequest,
  ForwardResult,
  SparseoutAdapter,
  TensorData,
} from '@sparseout/conformance';
import {
  SparseoutError,
  validateGradient,
  validateParams,
  validateSeed,
  validateTraining,
} from '@sparseout/core';
import type { layer as brainLayer } from 'brain.js';
import { brain, brainMajor } from './brain.js';
import { equationBackward, equationForward } from './conformance-equation.js';
import { allocateRows, gather, scatter } from './matrix.js';
import { resolveSettings } from './options.js';
import { Sparseout, type SparseoutLayerSettings } from './sparseout-layer.js';

type InputLayer = ReturnType<typeof brainLayer.input>;

const inputLayers = new Map<string, InputLayer>();

/** brain.js's layout for a tensor: the last dimension as width, the rest as height (rank 1: width 1). */
function layoutOf(shape: number[], n: number): { width: number; height: number } {
  const width = shape.length >= 2 ? shape[shape.length - 1] : 1;
  return { width, height: n / width };
}

/** A brain.js input layer for this layout, with its kernels set up (cached: gpu.js compiles them). */
function inputLayerFor(width: number, height: number): InputLayer {
  const key = `${width}x${height}`;
  let source = inputLayers.get(key);
  if (!source) {
    source = brain.layer.input({ width, height });
    source.setupKernels();
    inputLayers.set(key, source);
  }
  return source;
}

function asFloat32(data: Float32Array | Float64Array): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

/** Builds input layer + Sparseout layer and runs the forward pass on x (training or not). */
function runForward(
  x: TensorData,
  settings: SparseoutLayerSettings,
  training: boolean,
  mask: Uint8Array | undefined,
): { source: InputLayer; layer: Sparseout } {
  const n = x.data.length;
  const { width, height } = layoutOf(x.shape, n);
  const source = inputLayerFor(width, height);
  const layer = new Sparseout(source, settings);
  layer.setupKernels(training);
  layer.training = training;
  if (mask !== undefined) layer.useMask(mask);
  source.predict(asFloat32(x.data).slice());
  layer.predict();
  return { source, layer };
}

function shapeMismatch(name: string, expected: number, got: number): SparseoutError {
  return new SparseoutError('SPARSEOUT_SHAPE_MISMATCH', `${name} must have length ${expected}, got ${got}`);
}

export const brainjsAdapter: SparseoutAdapter = {
  name: '@sparseout/brain.js',
  backends: ['cpu'],
  supports: {
    explicitMask: true,
    seededMask: true,
    gradient: { reference: true, exact: true },
    noiseShape: false,
    float64: false,
    inference: true,
  },

  async forward(request: ForwardRequest): Promise<ForwardResult> {
    const { x, rate, q, epsilon, mask, seed, step } = request;
    // The request speaks core's vocabulary (rate), so core validates it under that name (S1.4).
    validateParams({ rate, q, epsilon });
    const training = validateTraining(request.training);
    if (seed !== undefined) validateSeed(seed);
    if (step !== undefined) validateSeed(step, 'step');
    const n = x.data.length;
    if (mask !== undefined && mask.length !== n) throw shapeMismatch('mask', n, mask.length);
    if (brainMajor === 1) {
      const settings = resolveSettings({ probability: rate, q, epsilon, seed });
      const { y, mask: used } = equationForward(request, settings, step ?? 0);
      return { y: { data: y, shape: [...x.shape] }, mask: used };
    }
    const { layer } = runForward(x, { probability: rate, q, epsilon, seed, step }, training, mask?.slice());
    const y = new Float32Array(n);
    gather(layer.weights, y);
    return { y: { data: y, shape: [...x.shape] }, mask: layer.mask.slice() };
  },

  async backward(request: BackwardRequest): Promise<BackwardResult> {
    const { dy, x, mask, rate, q, epsilon, gradient } = request;
    validateParams({ rate, q, epsilon });
    validateGradient(gradient);
    const training = validateTraining(request.training);
    const n = x.data.length;
    if (dy.data.length !== n) throw shapeMismatch('dy', n, dy.data.length);
    if (!(mask instanceof Uint8Array)) {
      throw new SparseoutError('SPARSEOUT_INVALID_INPUT', `mask must be a Uint8Array, got ${String(mask)}`);
    }
    if (mask.length !== n) throw shapeMismatch('mask', n, mask.length);
    if (brainMajor === 1) {
      const dx = equationBackward(
        request,
        resolveSettings({ probability: rate, q, epsilon, gradient, seed: 0 }),
      );
      return { dx: { data: dx, shape: [...dy.shape] } };
    }
    const { source, layer } = runForward(
      x,
      { probability: rate, q, epsilon, gradient, seed: 0 },
      training,
      mask.slice(),
    );
    const { width, height, depth } = layer;
    const deltas = allocateRows(width, height, depth);
    scatter(asFloat32(dy.data), deltas);
    layer.deltas = deltas as Sparseout['deltas'];
    layer.compare();
    const dx = new Float32Array(n);
    gather(source.deltas, dx);
    return { dx: { data: dx, shape: [...dy.shape] } };
  },
};

export default brainjsAdapter;
