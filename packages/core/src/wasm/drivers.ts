import { getKernelBackend } from '../backend.js';
import { EPSILON, Q, RATE } from '../params.js';
import { CHUNK, MASK_OFFSET, Mode, PARAMS_OFFSET, Param, V_OFFSET, X_OFFSET, Y_OFFSET } from './abi.js';
import { type WasmKernels, wasmKernels } from './instance.js';

/**
 * JavaScript drivers of the WebAssembly kernels: they copy chunks of CHUNK elements into the
 * module's memory (which stays in cache), run the kernel, and copy the result out, so main memory
 * sees one read of the inputs and one write of the output, as a plain copy does. The entry points
 * that allocate nothing take their doubles and 32-bit words in typed arrays (README, "Allocation").
 */

/** Index of the slope in the drivers' [rate, q, epsilon, slope] arrays (after readParams' three). */
export const SLOPE = 3;

/** Indices of the Philox words in the drivers' Int32Array: S4.2's threshold, key and step words. */
export const THRESHOLD = 0;
export const KEY_LO = 1;
export const KEY_HI = 2;
export const STEP_LO = 3;
export const STEP_HI = 4;
/** Words of that Int32Array. */
export const MASK_WORDS = 5;

const MIN_NORMAL_F32 = 2 ** -126;

/**
 * The kept-unit noise n = r / (1 - r) from which GeneralPower runs in JS: its absolute error in
 * 1 + n g is the rounding of n (g - 1), half a float32 ulp of n (2^-18 below n = 128), plus
 * about 5e-7 of n g from its polynomials: within S2.8's 1e-5 of 1 + n g >= 1 only for small n.
 * So rates of 128 / 129 and above with q outside {0, 1, 2, 3, 4} run in JS.
 */
export const MAX_GENERAL_POWER_NOISE = 128;

/** The mode of each q that has one of its own (q = 2 is Mode.Scale); any other q is GeneralPower. */
const MODE_OF_Q: Record<number, number | undefined> = {
  0: Mode.Reciprocal,
  1: Mode.InverseSqrt,
  3: Mode.Sqrt,
  4: Mode.Linear,
};

/**
 * The plan of the last `apply` call, reused as it is while [rate, q, epsilon, slope] repeat: its
 * mode and whether wasm can run it; its scalars are in the module's memory (abi.ts Param).
 */
const plan = {
  /** The [rate, q, epsilon, slope] it was made for (NaN before the first). */
  madeFor: Float64Array.of(Number.NaN, Number.NaN, Number.NaN, Number.NaN),
  runsInWasm: false,
  mode: Mode.Scale as number,
};

/**
 * Results leave wasm memory through plain staging arrays: in Node 20 (V8 11.3),
 * TypedArray.prototype.set from a view of wasm memory into a large array that is not in cache
 * runs about 4x slower than the same copy from an ordinary array, while a chunk-sized copy into
 * a staging array (which stays in cache) is fast. Measured per 2^22 float32 elements: 9.8 ms
 * direct, 3.1 ms staged, 3.2 ms for a Float32Array copy. The views of a length are made once and
 * reused while the length repeats (-1: none made yet).
 */
const staging = {
  out: new Float32Array(CHUNK),
  mask: new Uint8Array(CHUNK),
  outLength: -1,
  /** The first outLength elements of the y region of wasm memory, and of `out`. */
  outFrom: new Float32Array(0) as Float32Array,
  outTo: new Float32Array(0) as Float32Array,
  maskLength: -1,
  /** The first maskLength bytes of the mask region of wasm memory, and of `mask`. */
  maskFrom: new Uint8Array(0) as Uint8Array,
  maskTo: new Uint8Array(0) as Uint8Array,
};

/** The first `length` output elements of wasm memory, staged. */
function outputStaged(kernels: WasmKernels, length: number): Float32Array {
  const s = staging;
  if (length !== s.outLength) {
    s.outFrom = kernels.f32.subarray(Y_OFFSET / 4, Y_OFFSET / 4 + length);
    s.outTo = length === CHUNK ? s.out : s.out.subarray(0, length);
    s.outLength = length;
  }
  s.outTo.set(s.outFrom);
  return s.outTo;
}

/** The first `length` mask bytes of wasm memory, staged as outputStaged does. */
function maskStaged(kernels: WasmKernels, length: number): Uint8Array {
  const s = staging;
  if (length !== s.maskLength) {
    s.maskFrom = kernels.u8.subarray(MASK_OFFSET, MASK_OFFSET + length);
    s.maskTo = length === CHUNK ? s.mask : s.mask.subarray(0, length);
    s.maskLength = length;
  }
  s.maskTo.set(s.maskFrom);
  return s.maskTo;
}

/** generalPowerNoise's result, [keptBase, keptNoise], reused (README, "Allocation"). */
const noisePair = new Float64Array(2);

/**
 * The float32 keptBase ~ 1 / (1 - rate) and keptNoise n ~ rate / (1 - rate) of the non-Scale
 * modes. GeneralPower computes 1 + n g as keptBase + n (g - 1), whose terms cancel where g is
 * small, so keptBase - n must not exceed 1 in float32: for n >= 1, n = keptBase - 1 exactly (the
 * cancellation then leaves only the rounding of n (g - 1)); below 1, keptBase steps down one ulp
 * where keptBase - n would round above 1. Either way n keeps a relative error below 2^-22 (S2.8),
 * and where g - 1 rounds to -1 the factor is at most 1, so |x| near the float32 maximum stays finite.
 */
function generalPowerNoise(rate: number): Float64Array {
  let keptBase = Math.fround(1 / (1 - rate));
  let keptNoise = Math.fround(rate / (1 - rate));
  if (keptNoise >= 1) keptNoise = keptBase - 1;
  else if (Math.fround(keptBase - keptNoise) > 1) keptBase = Math.fround(keptBase - 2 ** -23);
  noisePair[0] = keptBase;
  noisePair[1] = keptNoise;
  return noisePair;
}

/** p rounded to 12 significant bits, so e * pHi is exact in float32 for |e| < 2^11 (pLo = p - pHi). */
function exponentHigh(p: number): number {
  if (p === 0) return 0;
  const scale = 2 ** (11 - Math.floor(Math.log2(Math.abs(p))));
  return Math.round(p * scale) / scale;
}

/** The index of `apply`'s scalar `name` in a view of the module's memory of `bytes`-byte elements. */
function paramIndex(name: keyof typeof Param, bytes: number): number {
  return (PARAMS_OFFSET + Param[name]) / bytes;
}

/**
 * Makes the plan for [rate, q, epsilon, slope]: its mode, and its scalars written to the module's
 * memory where `apply` reads them. Returns whether wasm can run it (see planApply).
 */
function makePlan(kernels: WasmKernels, scalars: Float64Array): boolean {
  const rate = scalars[RATE];
  const q = scalars[Q];
  const slope = scalars[SLOPE];
  const { f64, f32 } = kernels;
  if (q === 2) {
    // As the JS loops: forward scales by 1 / (1 - rate), backward by 1 + slope * rate / (1 - rate).
    const keptBase = slope === 1 ? 1 / (1 - rate) : 1 + (slope * rate) / (1 - rate);
    const dropBase = 1 - slope;
    const exact = Math.fround(keptBase) === keptBase && Math.fround(dropBase) === dropBase;
    plan.mode = exact ? Mode.ScaleFloat32 : Mode.Scale;
    f64[paramIndex('keptBase', 8)] = keptBase;
    f64[paramIndex('dropBase', 8)] = dropBase;
    f32.fill(0, paramIndex('keptNoise', 4), paramIndex('pLog2e', 4) + 1);
    return true;
  }
  if (slope !== 1 || !(q >= 0 && q <= 4)) return false;
  const eps = Math.fround(scalars[EPSILON]);
  if (!(eps >= MIN_NORMAL_F32 && eps <= 2 ** 64)) return false;
  const p = (q - 2) / 2;
  const pHi = exponentHigh(p);
  plan.mode = MODE_OF_Q[q] ?? Mode.GeneralPower;
  const noise = generalPowerNoise(rate);
  if (plan.mode === Mode.GeneralPower && !(noise[1] < MAX_GENERAL_POWER_NOISE)) return false;
  f64[paramIndex('keptBase', 8)] = noise[0];
  f64[paramIndex('dropBase', 8)] = 0;
  f32[paramIndex('keptNoise', 4)] = noise[1];
  f32[paramIndex('dropNoise', 4)] = -1;
  f32[paramIndex('eps', 4)] = eps;
  f32[paramIndex('pHi', 4)] = pHi;
  f32[paramIndex('pLo', 4)] = Math.fround(p - pHi);
  f32[paramIndex('pLog2e', 4)] = p * Math.LOG2E;
  return true;
}

/**
 * Whether `v * (1 + n * slope * g(x))` (S2.3, S3.1) can run in wasm: the backend is 'wasm', all
 * arrays are float32, slope is 1 (the exact gradient's 1 - (q/2) g cancels where float32 cannot
 * follow), epsilon is a normal float32 no larger than 2^64, and 0 <= q <= 4 (with r / (1 - r) below
 * MAX_GENERAL_POWER_NOISE where q is not 0, 1, 2, 3 or 4). `scalars` holds
 * [rate, q, epsilon, slope]. Makes the plan when they differ from the last call's, else reuses it.
 */
function planApply(x: unknown, v: unknown, out: unknown, scalars: Float64Array): boolean {
  if (getKernelBackend() !== 'wasm') return false;
  if (!(x instanceof Float32Array && v instanceof Float32Array && out instanceof Float32Array)) return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const madeFor = plan.madeFor;
  if (
    madeFor[0] !== scalars[0] ||
    madeFor[1] !== scalars[1] ||
    madeFor[2] !== scalars[2] ||
    madeFor[3] !== scalars[3]
  ) {
    plan.runsInWasm = makePlan(kernels, scalars);
    madeFor.set(scalars);
  }
  return plan.runsInWasm;
}

function runApply(kernels: WasmKernels, groups: number, vOffset: number): void {
  kernels.apply(X_OFFSET, vOffset, MASK_OFFSET, Y_OFFSET, groups, plan.mode);
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
  applyScalars[RATE] = rate;
  applyScalars[Q] = q;
  applyScalars[EPSILON] = epsilon;
  applyScalars[SLOPE] = slope;
  return wasmApplyScalars(x, v, mask, applyScalars, out);
}

/** `wasmApply` with [rate, q, epsilon, slope] in a typed array, for callers that allocate nothing. */
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
  const readsX = sameV || scalars[Q] !== 2;
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
 * MASK_OFFSET under `words` (THRESHOLD, KEY_LO ...); `first` is a multiple of 4, so the chunk
 * starts on Philox block first / 4.
 */
function drawMaskChunk(kernels: WasmKernels, first: number, length: number, words: Int32Array): void {
  const block = first / 4;
  kernels.mask(
    MASK_OFFSET,
    (length + 15) >> 4,
    (block % 2 ** 32) | 0,
    Math.floor(block / 2 ** 32) | 0,
    words[STEP_LO],
    words[STEP_HI],
    words[KEY_LO],
    words[KEY_HI],
    words[THRESHOLD],
  );
}

/**
 * S4.2 mask bytes in wasm for global elements [offset, offset + mask.length), offset a multiple
 * of 4 (whole Philox blocks), under `words` (THRESHOLD, KEY_LO ...). Returns false where the
 * backend is 'js'.
 */
export function wasmMask(mask: Uint8Array, words: Int32Array, offset: number): boolean {
  if (getKernelBackend() !== 'wasm') return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const n = mask.length;
  for (let start = 0; start < n; start += CHUNK) {
    const length = Math.min(CHUNK, n - start);
    drawMaskChunk(kernels, offset + start, length, words);
    mask.set(maskStaged(kernels, length), start);
  }
  return true;
}

/**
 * S4.2 + S2.3 fused: draws the mask of elements [0, n) under `words` (THRESHOLD, KEY_LO ...) chunk
 * by chunk and applies the forward pass to the same chunk while it is in cache. `scalars` is
 * [rate, q, epsilon, slope = 1]. Returns false where the call must run in JS.
 */
export function wasmSeededForward(
  x: Float32Array | Float64Array,
  words: Int32Array,
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
    drawMaskChunk(kernels, start, length, words);
    f32.set(length === n ? x : x.subarray(start, start + length), X_OFFSET / 4);
    runApply(kernels, (length + 3) >> 2, X_OFFSET);
    mask.set(maskStaged(kernels, length), start);
    y.set(outputStaged(kernels, length), start);
  }
  return true;
}
