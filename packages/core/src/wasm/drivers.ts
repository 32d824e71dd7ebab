import { getKernelBackend } from '../backend.js';
import { CHUNK, MASK_OFFSET, PARAMS_OFFSET, V_OFFSET, X_OFFSET, Y_OFFSET } from './abi.js';
import { type WasmKernels, wasmKernels } from './instance.js';

/**
 * JavaScript drivers of the WebAssembly kernels: they copy chunks of CHUNK elements into the
 * module's memory (which stays in cache), run the kernel, and copy the result out, so main memory
 * sees one read of the inputs and one write of the output, as a plain copy does.
 */

const MIN_NORMAL_F32 = 2 ** -126;
const MODE_SCALE = 0;
const MODE_GENERAL = 5;
const MODE_SCALE_FLOAT32 = 6;
const MODES: Record<number, number | undefined> = { 2: MODE_SCALE, 1: 1, 3: 2, 0: 3, 4: 4 };

/**
 * Results leave wasm memory through plain staging arrays: in Node 20 (V8 11.3),
 * TypedArray.prototype.set from a view of wasm memory into a large array that is not in cache
 * runs about 4x slower than the same copy from an ordinary array, while a chunk-sized copy into
 * a staging array (which stays in cache) is fast. Measured per 2^22 float32 elements: 9.8 ms
 * direct, 3.1 ms staged, 3.2 ms for a Float32Array copy.
 */
const stagedOut = new Float32Array(CHUNK);
const stagedMask = new Uint8Array(CHUNK);

let cachedOutLength = -1;
let cachedOut: Float32Array | undefined;
let cachedStagedOut: Float32Array = stagedOut;
let cachedMaskLength = -1;
let cachedMask: Uint8Array | undefined;
let cachedStagedMask: Uint8Array = stagedMask;

/** The first `length` output elements of wasm memory, staged; views reused while the length repeats. */
function outputStaged(kernels: WasmKernels, length: number): Float32Array {
  if (length !== cachedOutLength || cachedOut === undefined) {
    cachedOut = kernels.f32.subarray(Y_OFFSET / 4, Y_OFFSET / 4 + length);
    cachedStagedOut = length === CHUNK ? stagedOut : stagedOut.subarray(0, length);
    cachedOutLength = length;
  }
  cachedStagedOut.set(cachedOut);
  return cachedStagedOut;
}

/** The first `length` mask bytes of wasm memory, staged as outputStaged does. */
function maskStaged(kernels: WasmKernels, length: number): Uint8Array {
  if (length !== cachedMaskLength || cachedMask === undefined) {
    cachedMask = kernels.u8.subarray(MASK_OFFSET, MASK_OFFSET + length);
    cachedStagedMask = length === CHUNK ? stagedMask : stagedMask.subarray(0, length);
    cachedMaskLength = length;
  }
  cachedStagedMask.set(cachedMask);
  return cachedStagedMask;
}

/** p rounded to 12 significant bits, so e * pHi is exact in float32 for |e| < 2^11 (pLo = p - pHi). */
function exponentHigh(p: number): number {
  if (p === 0) return 0;
  const scale = 2 ** (11 - Math.floor(Math.log2(Math.abs(p))));
  return Math.round(p * scale) / scale;
}

/**
 * The kernel mode of the current plan; its scalars live in the module's memory at PARAMS_OFFSET,
 * where `apply` reads them, so a call passes integers only (V8 may box a double passed to a
 * function, wasm exports included, into a new heap object when the call is not inlined).
 */
let planMode = 0;
/** The (rate, q, epsilon, slope) the plan was made for: a repeated call reuses it as it is. */
const planFor = Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
/** Whether the plan made for `planFor` can run in wasm. */
let planRunsInWasm = false;

/** Views of `apply`'s scalars in the module's memory, made once (the memory never grows). */
let scalarsF64: Float64Array | undefined;
let scalarsF32: Float32Array | undefined;

/** Writes `apply`'s scalars to the module's memory (layout: PARAMS_OFFSET in instance.ts). */
function writeScalars(
  kernels: WasmKernels,
  keptBase: number,
  dropBase: number,
  keptNoise: number,
  dropNoise: number,
  eps: number,
  pHi: number,
  pLo: number,
  pLog2e: number,
): void {
  scalarsF64 ??= new Float64Array(kernels.f32.buffer, PARAMS_OFFSET, 2);
  scalarsF32 ??= new Float32Array(kernels.f32.buffer, PARAMS_OFFSET + 16, 6);
  scalarsF64[0] = keptBase;
  scalarsF64[1] = dropBase;
  scalarsF32[0] = keptNoise;
  scalarsF32[1] = dropNoise;
  scalarsF32[2] = eps;
  scalarsF32[3] = pHi;
  scalarsF32[4] = pLo;
  scalarsF32[5] = pLog2e;
}

/** Makes the plan for (rate, q, epsilon, slope); returns whether wasm can run it (see planApply). */
function makePlan(kernels: WasmKernels, rate: number, q: number, epsilon: number, slope: number): boolean {
  if (q === 2) {
    // As the JS loops: forward scales by 1 / (1 - rate), backward by 1 + slope * rate / (1 - rate).
    const keptBase = slope === 1 ? 1 / (1 - rate) : 1 + (slope * rate) / (1 - rate);
    const dropBase = 1 - slope;
    const exact = Math.fround(keptBase) === keptBase && Math.fround(dropBase) === dropBase;
    planMode = exact ? MODE_SCALE_FLOAT32 : MODE_SCALE;
    writeScalars(kernels, keptBase, dropBase, 0, 0, 0, 0, 0, 0);
    return true;
  }
  if (slope !== 1 || !(q >= 0 && q <= 4)) return false;
  const eps = Math.fround(epsilon);
  if (!(eps >= MIN_NORMAL_F32 && eps <= 2 ** 64)) return false;
  const p = (q - 2) / 2;
  const pHi = exponentHigh(p);
  planMode = MODES[q] ?? MODE_GENERAL;
  writeScalars(
    kernels,
    1 / (1 - rate),
    0,
    rate / (1 - rate),
    -1,
    eps,
    pHi,
    Math.fround(p - pHi),
    p * Math.LOG2E,
  );
  return true;
}

/**
 * Whether `v * (1 + n * slope * g(x))` (S2.3, S3.1) can run in wasm: the backend is 'wasm', all
 * arrays are float32, slope is 1 (the exact gradient's 1 - (q/2) g cancels where float32 cannot
 * follow), epsilon is a normal float32 no larger than 2^64, and 0 <= q <= 4. `scalars` holds
 * [rate, q, epsilon, slope] (a typed array: V8 passes no boxed doubles). Makes the plan when
 * they differ from the last call's (makePlan), else reuses it.
 */
function planApply(x: unknown, v: unknown, out: unknown, scalars: Float64Array): boolean {
  if (getKernelBackend() !== 'wasm') return false;
  if (!(x instanceof Float32Array && v instanceof Float32Array && out instanceof Float32Array)) return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  if (
    planFor[0] !== scalars[0] ||
    planFor[1] !== scalars[1] ||
    planFor[2] !== scalars[2] ||
    planFor[3] !== scalars[3]
  ) {
    planRunsInWasm = makePlan(kernels, scalars[0], scalars[1], scalars[2], scalars[3]);
    planFor.set(scalars);
  }
  return planRunsInWasm;
}

function runApply(kernels: WasmKernels, groups: number, vOffset: number): void {
  kernels.apply(X_OFFSET, vOffset, MASK_OFFSET, Y_OFFSET, groups, planMode);
}

/** The [rate, q, epsilon, slope] of a `wasmApply` call. */
const applyScalars = new Float64Array(4);

/**
 * out = v * (1 + n * slope * g(x)) in wasm, chunk by chunk; `v` is x (forward) or dy (backward),
 * `out` may alias either. Returns false, having written nothing, where the call must run in JS.
 */
export function wasmApply(
  x: Float32Array | Float64Array,
  v: Float32Array | Float64Array,
  mask: Uint8Array,
  rate: number,
  q: number,
  epsilon: number,
  slope: number,
  out: Float32Array | Float64Array,
): boolean {
  applyScalars[0] = rate;
  applyScalars[1] = q;
  applyScalars[2] = epsilon;
  applyScalars[3] = slope;
  return wasmApplyScalars(x, v, mask, applyScalars, out);
}

/**
 * `wasmApply` with [rate, q, epsilon, slope] in a typed array, for callers that allocate nothing
 * (V8 may box a double passed to a function it does not inline).
 */
export function wasmApplyScalars(
  x: Float32Array | Float64Array,
  v: Float32Array | Float64Array,
  mask: Uint8Array,
  scalars: Float64Array,
  out: Float32Array | Float64Array,
): boolean {
  if (!planApply(x, v, out, scalars)) return false;
  const kernels = wasmKernels() as WasmKernels;
  const { f32, u8 } = kernels;
  const n = x.length;
  const sameV = v === x;
  // q = 2 (S2.5) scales v by the mask alone: x is not read, so not copied in.
  const readsX = sameV || scalars[1] !== 2;
  for (let start = 0; start < n; start += CHUNK) {
    const length = Math.min(CHUNK, n - start);
    const whole = length === n;
    if (readsX) f32.set(whole ? x : x.subarray(start, start + length), X_OFFSET / 4);
    if (!sameV) f32.set(whole ? v : v.subarray(start, start + length), V_OFFSET / 4);
    u8.set(whole ? mask : mask.subarray(start, start + length), MASK_OFFSET);
    runApply(kernels, (length + 3) >> 2, sameV ? X_OFFSET : V_OFFSET);
    out.set(outputStaged(kernels, length), start);
  }
  return true;
}

/**
 * S4.2: has the wasm kernel write the mask bytes of global elements [first, first + length) at
 * MASK_OFFSET; `first` is a multiple of 4, so the chunk starts on Philox block first / 4.
 */
function drawMaskChunk(
  kernels: WasmKernels,
  first: number,
  length: number,
  threshold: number,
  k0: number,
  k1: number,
  s0: number,
  s1: number,
): void {
  const block = first / 4;
  kernels.mask(
    MASK_OFFSET,
    (length + 15) >> 4,
    (block % 2 ** 32) | 0,
    Math.floor(block / 2 ** 32) | 0,
    s0,
    s1,
    k0,
    k1,
    threshold,
  );
}

/**
 * S4.2 mask bytes in wasm for global elements [offset, offset + mask.length), offset a multiple
 * of 4 (whole Philox blocks). Returns false where the backend is 'js'.
 */
export function wasmMask(
  mask: Uint8Array,
  threshold: number,
  k0: number,
  k1: number,
  s0: number,
  s1: number,
  offset: number,
): boolean {
  if (getKernelBackend() !== 'wasm') return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const n = mask.length;
  for (let start = 0; start < n; start += CHUNK) {
    const length = Math.min(CHUNK, n - start);
    drawMaskChunk(kernels, offset + start, length, threshold, k0, k1, s0, s1);
    mask.set(maskStaged(kernels, length), start);
  }
  return true;
}

/**
 * S4.2 + S2.3 fused: draws the mask of elements [0, n) chunk by chunk and applies the forward
 * pass to the same chunk while it is in cache. `scalars` is [rate, q, epsilon, slope = 1]: a typed
 * array, because V8 boxes a non-integer number passed to a function it does not inline into a new
 * heap object, and `sparseoutInto` allocates nothing. Returns false where the call must run in JS.
 */
export function wasmSeededForward(
  x: Float32Array | Float64Array,
  threshold: number,
  k0: number,
  k1: number,
  s0: number,
  s1: number,
  scalars: Float64Array,
  mask: Uint8Array,
  y: Float32Array | Float64Array,
): boolean {
  if (!planApply(x, x, y, scalars)) return false;
  const kernels = wasmKernels() as WasmKernels;
  const { f32 } = kernels;
  const n = x.length;
  for (let start = 0; start < n; start += CHUNK) {
    const length = Math.min(CHUNK, n - start);
    drawMaskChunk(kernels, start, length, threshold, k0, k1, s0, s1);
    f32.set(length === n ? x : x.subarray(start, start + length), X_OFFSET / 4);
    runApply(kernels, (length + 3) >> 2, X_OFFSET);
    mask.set(maskStaged(kernels, length), start);
    y.set(outputStaged(kernels, length), start);
  }
  return true;
}
