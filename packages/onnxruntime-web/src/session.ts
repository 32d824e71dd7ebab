import * as ort from 'onnxruntime-web';

/** Where the ORT-web wasm runtime finds its `.wasm`/`.mjs` files, and how many threads it uses. */
export interface WasmOptions {
  /**
   * Passed to `ort.env.wasm.wasmPaths`: a URL prefix (ending in '/') where
   * `ort-wasm-simd-threaded.wasm` and `.mjs` from `onnxruntime-web/dist` are served. Needed in a
   * browser bundle; in Node the files are found next to the package.
   */
  wasmPaths?: string;
  /** `ort.env.wasm.numThreads`; 1 avoids worker threads (the default here). */
  numThreads?: number;
}

/** Sets ORT-web's wasm environment (a process-wide setting); call before the first session. */
export function configureWasm(options: WasmOptions = {}): void {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
}

const sourceBytes = new WeakMap<ort.InferenceSession, Uint8Array>();

/**
 * Creates an ORT-web InferenceSession on the `wasm` execution provider for a model that uses the
 * Sparseout functions (the runtime inlines them when it loads the model). Remembers the bytes so
 * `mcPredict` can re-create a seeded session.
 */
export async function createSparseoutSession(
  model: Uint8Array,
  options: ort.InferenceSession.SessionOptions & { wasm?: WasmOptions } = {},
): Promise<ort.InferenceSession> {
  const { wasm, ...sessionOptions } = options;
  if (wasm) configureWasm(wasm);
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    ...sessionOptions,
  });
  sourceBytes.set(session, model);
  return session;
}

/** The model bytes a session was created from by `createSparseoutSession`, if any. */
export function sessionModel(session: ort.InferenceSession): Uint8Array | undefined {
  return sourceBytes.get(session);
}
