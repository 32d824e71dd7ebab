import { SparseoutError } from '@sparseout/core';
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

/** Options of {@link createSparseoutSession}: ORT's session options (`executionProviders` defaults to `['wasm']`), plus `wasm`. */
export type SparseoutSessionOptions = ort.InferenceSession.SessionOptions & { wasm?: WasmOptions };

const sources = new WeakMap<
  ort.InferenceSession,
  { model: Uint8Array; options: ort.InferenceSession.SessionOptions }
>();

/** Sessions made for a session (mcPredict's sampling sessions, by key), released with it. */
const companions = new WeakMap<ort.InferenceSession, Map<string, Promise<ort.InferenceSession>>>();

/**
 * The session made for `session` under `key` (mcPredict's sampling session for a training-mode
 * flag), created by `create` on first use and cached; `session.release()` releases it too. ORT-web
 * frees a session's wasm memory only on release, so a sampling session left behind kept a copy of
 * the model's weights for the life of the process. One that fails to load is not kept.
 */
export function companionSession(
  session: ort.InferenceSession,
  key: string,
  create: () => Promise<ort.InferenceSession>,
): Promise<ort.InferenceSession> {
  let own = companions.get(session);
  if (!own) {
    own = new Map();
    companions.set(session, own);
  }
  const cache = own;
  let made = cache.get(key);
  if (!made) {
    const creating = create();
    made = creating;
    cache.set(key, creating);
    creating.catch(() => {
      if (cache.get(key) === creating) cache.delete(key);
    });
  }
  return made;
}

/**
 * Creates an ORT-web InferenceSession for a model that uses Sparseout (the runtime inlines the
 * functions when it loads the model), on the `wasm` execution provider unless `executionProviders`
 * says otherwise. `model` is the `.onnx` bytes, a Uint8Array (any view) or an ArrayBuffer, as
 * ORT takes them; anything else (a path, a URL) is SPARSEOUT_INVALID_INPUT (S1.4), as `mcPredict`
 * needs the bytes. Remembers the bytes (not copied: do not overwrite them while the session is in
 * use) and the session options, so `mcPredict` creates its sampling sessions the same way.
 */
export async function createSparseoutSession(
  model: Uint8Array | ArrayBuffer,
  options: SparseoutSessionOptions = {},
): Promise<ort.InferenceSession> {
  const bytes = modelBytes(model);
  const { wasm, ...sessionOptions } = options;
  if (wasm) configureWasm(wasm);
  const resolved = { executionProviders: ['wasm'], ...sessionOptions };
  const session = await ort.InferenceSession.create(bytes, resolved);
  sources.set(session, { model: bytes, options: resolved });
  const release = session.release.bind(session);
  // release() releases mcPredict's sampling sessions for this one first (see companionSession).
  session.release = async () => {
    const made = [...(companions.get(session)?.values() ?? [])];
    companions.delete(session);
    await Promise.all(
      made.map((p) =>
        p.then(
          (s) => s.release(),
          () => undefined,
        ),
      ),
    );
    await release();
  };
  return session;
}

function modelBytes(model: unknown): Uint8Array {
  if (model instanceof Uint8Array) return model;
  if (model instanceof ArrayBuffer) return new Uint8Array(model);
  const what =
    model === null || typeof model !== 'object' ? String(model) : (model.constructor?.name ?? 'object');
  throw new SparseoutError(
    'SPARSEOUT_INVALID_INPUT',
    `createSparseoutSession takes the .onnx bytes (a Uint8Array or an ArrayBuffer), got ${typeof model === 'string' ? 'a string (read the file or fetch the URL first)' : what}`,
  );
}

/** The model bytes a session was created from by `createSparseoutSession`, if any. */
export function sessionModel(session: ort.InferenceSession): Uint8Array | undefined {
  return sources.get(session)?.model;
}

/** The session options a session was created with by `createSparseoutSession`, if any. */
export function sessionOptions(
  session: ort.InferenceSession,
): ort.InferenceSession.SessionOptions | undefined {
  return sources.get(session)?.options;
}
