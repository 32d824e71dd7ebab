/**
 * `@sparseout/tfjs/conformance`: the conformance adapter of @sparseout/tfjs (the default export),
 * run by @sparseout/conformance on the `cpu` and `wasm` backends and on `cpu-composite` (cpu with
 * the fused kernels unregistered: the composite path of every backend without a fused kernel).
 * Works in Node and in a browser bundle; in a browser also on `webgl` and `webgpu` (their fused
 * kernels), whose backend packages it imports only when it sets them up, so that Node never loads
 * them. In a browser the wasm backend must fetch its .wasm files: the adapter uses, in order,
 * `configureTfjsConformance({ wasmPath })`, `globalThis.__SPARSEOUT_TFJS_WASM_PATH__`, or
 * `${environment.assetBase}@tensorflow/tfjs-backend-wasm/dist/` from the suite's `setup`; in Node
 * the backend finds its files by itself.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type {
  BackwardRequest,
  BackwardResult,
  ConformanceEnvironment,
  ForwardRequest,
  ForwardResult,
  SparseoutAdapter,
  TensorData,
} from '@sparseout/conformance';
import { SparseoutError } from '@sparseout/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
// The whole package: kernels, gradient and layer (tfjs-layers registers tfjs's own gradients).
import { forceCompositePath, parseBackendName } from './composite_backend.js';
import { hoyerSparsity, sparseoutWithMask } from './index.js';
import { resolveOptions } from './options.js';
import { runSparseout } from './run.js';

let configuredWasmPath: string | undefined;
let wasmPathSet = false;

/**
 * Sets where the wasm backend fetches `tfjs-backend-wasm*.wasm` (a directory URL or path ending in
 * '/'). Call before the suite sets up the `wasm` backend.
 */
export function configureTfjsConformance(options: { wasmPath?: string }): void {
  configuredWasmPath = options.wasmPath;
}

function wasmPath(environment: ConformanceEnvironment | undefined): string | undefined {
  const fromGlobal = (globalThis as { __SPARSEOUT_TFJS_WASM_PATH__?: string }).__SPARSEOUT_TFJS_WASM_PATH__;
  if (configuredWasmPath ?? fromGlobal) return configuredWasmPath ?? fromGlobal;
  if (environment?.assetBase) return `${environment.assetBase}@tensorflow/tfjs-backend-wasm/dist/`;
  return undefined;
}

/** A float32 tensor holding a copy of `t` (the caller's arrays are never aliased). */
const float32 = (t: TensorData): tf.Tensor => tf.tensor(Float32Array.from(t.data), t.shape, 'float32');

/** A copy of a tensor's values: a new array even where tfjs would hand back a shared one. */
async function read(y: tf.Tensor): Promise<TensorData> {
  return { data: Float32Array.from((await y.data()) as Float32Array), shape: [...y.shape] };
}

/** S1.4: a mask (or dy) must have one element per element of x. */
function assertLength(values: { length: number }, like: TensorData, name: string): void {
  if (values.length !== like.data.length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `${name} must have length ${like.data.length} (x's), got ${values.length}`,
    );
  }
}

/** S2: explicit mask -> `sparseoutWithMask`; otherwise the op's own (seeded or fresh) mask. */
async function forward(request: ForwardRequest): Promise<ForwardResult> {
  const { rate, q, epsilon, training, seed, step, noiseShape } = request;
  const x = float32(request.x);
  const owned: tf.Tensor[] = [x];
  try {
    if (request.mask !== undefined) {
      assertLength(request.mask, request.x, 'mask');
      const mask = tf.tensor(request.mask, request.x.shape, 'bool');
      owned.push(mask);
      const y = sparseoutWithMask(x, mask, { rate, q, epsilon, training });
      owned.push(y);
      return { y: await read(y), mask: Uint8Array.from(request.mask) };
    }
    const { attrs, identity } = resolveOptions(x.shape, {
      rate,
      q,
      epsilon,
      training,
      seed,
      step,
      noiseShape,
    });
    if (identity) return { y: await read(x), mask: new Uint8Array(x.size).fill(1) };
    const outputs = tf.tidy(() => {
      const { y, mask } = runSparseout(x, undefined, attrs);
      return [y, mask];
    });
    owned.push(...outputs);
    return { y: await read(outputs[0]), mask: (await outputs[1].data()) as Uint8Array };
  } finally {
    tf.dispose(owned);
  }
}

/** S3: dx through tfjs's autodiff (tf.grad), i.e. the registered Sparseout gradient. */
async function backward(request: BackwardRequest): Promise<BackwardResult> {
  const { rate, q, epsilon, gradient, training } = request;
  assertLength(request.mask, request.x, 'mask');
  assertLength(request.dy.data, request.x, 'dy');
  const [x, dy] = [float32(request.x), float32(request.dy)];
  const mask = tf.tensor(request.mask, request.x.shape, 'bool');
  try {
    const dx = tf.grad((t: tf.Tensor) =>
      sparseoutWithMask(t, mask, { rate, q, epsilon, gradient, training }),
    )(x, dy);
    try {
      return { dx: await read(dx) };
    } finally {
      dx.dispose();
    }
  } finally {
    tf.dispose([x, dy, mask]);
  }
}

/** Whether this runs in a browser page, where tfjs's webgl and webgpu backends can start. */
const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';

/** The GPU backends, loaded on first use (optional peers of the package). */
const GPU_BACKENDS: Record<string, () => Promise<unknown>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
};

export const tfjsAdapter: SparseoutAdapter = {
  name: '@sparseout/tfjs',
  backends: ['cpu', 'wasm', 'cpu-composite', ...(inBrowser ? Object.keys(GPU_BACKENDS) : [])],
  supports: {
    explicitMask: true,
    seededMask: true,
    gradient: { reference: true, exact: true },
    noiseShape: true,
    float64: false,
    inference: true,
  },
  async setup(backend: string, environment?: ConformanceEnvironment) {
    const { tfjsBackend, composite } = parseBackendName(backend);
    const path = wasmPath(environment);
    if (tfjsBackend === 'wasm' && path !== undefined && !wasmPathSet) {
      setWasmPaths(path);
      wasmPathSet = true;
    }
    await GPU_BACKENDS[tfjsBackend]?.();
    if (!(await tf.setBackend(tfjsBackend))) {
      throw new Error(`tfjs backend '${tfjsBackend}' failed to initialise`);
    }
    await tf.ready();
    forceCompositePath(tfjsBackend, composite);
  },
  teardown(backend: string) {
    const { tfjsBackend, composite } = parseBackendName(backend);
    if (composite) forceCompositePath(tfjsBackend, false);
  },
  forward,
  backward,
  async hoyerSparsity(x: TensorData) {
    const t = float32(x);
    try {
      return await hoyerSparsity(t);
    } finally {
      t.dispose();
    }
  },
};

export default tfjsAdapter;
