/**
 * The conformance adapter of @sparseout/onnxruntime-web (`@sparseout/onnxruntime-web/conformance`):
 * forward through a one-node model of `ai.sparseout::Sparseout` (the `masked` overload when the
 * suite sends a mask, ORT's own sampler otherwise, S4.5), backward through `SparseoutGrad`, on
 * ORT-web's `wasm` execution provider, and in a browser also on `webgpu` (execution providers
 * `['webgpu', 'wasm']`: ORT places the ops the WebGPU provider lacks on wasm). Sessions are cached
 * per (backend, dtype, q, epsilon, ...).
 */
import type {
  BackwardRequest,
  ConformanceEnvironment,
  ForwardRequest,
  SparseoutAdapter,
  TensorData,
} from '@sparseout/conformance';
import { SparseoutError, validateGradient, validateParams } from '@sparseout/core';
import * as ort from 'onnxruntime-web';
import { sparseoutGradOpModel, sparseoutOpModel } from './op-models.js';
import { configureWasm, createSparseoutSession } from './session.js';

type Dtype = 'float32' | 'float64';

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** Whether this runs in a browser page, where ORT-web's WebGPU execution provider can start. */
const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';

/** Execution providers per backend of the suite. */
const PROVIDERS: Record<string, string[]> = { wasm: ['wasm'], webgpu: ['webgpu', 'wasm'] };
let backendInUse = 'wasm';

function cachedSession(key: string, build: () => Uint8Array): Promise<ort.InferenceSession> {
  const fullKey = `${backendInUse}|${key}`;
  let session = sessions.get(fullKey);
  if (!session) {
    session = createSparseoutSession(build(), { executionProviders: PROVIDERS[backendInUse] });
    sessions.set(fullKey, session);
  }
  return session;
}

function dtypeOf(x: TensorData): Dtype {
  return x.data instanceof Float64Array ? 'float64' : 'float32';
}

/** S1.4: data length must match the shape; a mask must have one byte per element. */
function checkShape(x: TensorData, what: string, mask?: Uint8Array): void {
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (x.data.length !== size) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `${what} has ${x.data.length} elements but shape [${x.shape.join(', ')}] needs ${size}`,
    );
  }
  if (mask && mask.length !== size) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `mask has ${mask.length} elements, ${what} has ${size}`,
    );
  }
}

/** S1.4: `training` is a boolean when given. */
function trainingFlag(training: unknown): boolean {
  if (training === undefined) return true;
  if (typeof training !== 'boolean') {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `training must be a boolean, got ${typeof training === 'string' ? JSON.stringify(training) : String(training)}`,
    );
  }
  return training;
}

const tensor = (x: TensorData) => new ort.Tensor(dtypeOf(x), x.data, x.shape);
const scalar = (dtype: Dtype, value: number) =>
  new ort.Tensor(dtype, dtype === 'float64' ? Float64Array.of(value) : Float32Array.of(value), []);
const boolTensor = (mask: Uint8Array, shape: number[]) => new ort.Tensor('bool', mask, shape);

function result(t: ort.Tensor, shape: number[]): TensorData {
  const data = t.data as Float32Array | Float64Array;
  return { data: data.slice(), shape: [...shape] };
}

export const onnxruntimeWebAdapter: SparseoutAdapter = {
  name: '@sparseout/onnxruntime-web',
  backends: ['wasm', ...(inBrowser ? ['webgpu'] : [])],
  supports: {
    explicitMask: true,
    seededMask: false,
    gradient: { reference: true, exact: true },
    noiseShape: false,
    float64: true,
    inference: true,
  },

  setup(backend: string, environment?: ConformanceEnvironment) {
    if (!PROVIDERS[backend]) throw new Error(`unknown backend '${backend}'`);
    backendInUse = backend;
    const wasmPaths = environment?.assetBase ? `${environment.assetBase}onnxruntime-web/dist/` : undefined;
    configureWasm({ numThreads: 1, ...(wasmPaths ? { wasmPaths } : {}) });
  },

  async teardown() {
    const all = [...sessions.values()];
    sessions.clear();
    for (const session of all) await (await session).release();
  },

  async forward(request: ForwardRequest) {
    const { rate, q, epsilon } = validateParams(request);
    const training = trainingFlag(request.training);
    const { x, mask } = request;
    checkShape(x, 'x', mask);
    const dtype = dtypeOf(x);
    const explicitMask = mask !== undefined;
    const session = await cachedSession(`forward|${dtype}|${q}|${epsilon}|${explicitMask}`, () =>
      sparseoutOpModel({ dtype, q, epsilon, explicitMask }),
    );
    const feeds: Record<string, ort.Tensor> = {
      data: tensor(x),
      ratio: scalar(dtype, rate),
      training_mode: new ort.Tensor('bool', [training], []),
    };
    if (mask) feeds.mask = boolTensor(mask, x.shape);
    const outputs = await session.run(feeds);
    const keep = (outputs.mask_out.data as Uint8Array).slice();
    return { y: result(outputs.output, x.shape), mask: keep };
  },

  async backward(request: BackwardRequest) {
    const { rate, q, epsilon } = validateParams(request);
    const gradient = validateGradient(request.gradient);
    const { dy, x } = request;
    checkShape(x, 'x', request.mask);
    checkShape(dy, 'dy');
    if (dy.data.length !== x.data.length) {
      throw new SparseoutError(
        'SPARSEOUT_SHAPE_MISMATCH',
        `dy has ${dy.data.length} elements, x has ${x.data.length}`,
      );
    }
    const dtype = dtypeOf(x);
    const session = await cachedSession(`backward|${dtype}|${q}|${epsilon}|${gradient}`, () =>
      sparseoutGradOpModel({ dtype, q, epsilon, gradient }),
    );
    // S3.3: in inference the gradient is dy; through the graph, that is mask all-keep with ratio 0.
    const training = trainingFlag(request.training);
    const mask = training ? request.mask : new Uint8Array(x.data.length).fill(1);
    const outputs = await session.run({
      dy: tensor(dy),
      data: tensor(x),
      mask: boolTensor(mask, x.shape),
      ratio: scalar(dtype, training ? rate : 0),
    });
    return { dx: result(outputs.dx, x.shape) };
  },
};

export default onnxruntimeWebAdapter;
