/**
 * What kernels.template.wat and its JavaScript drivers agree on, written once: the layout of the
 * module's memory, `apply`'s modes and how many groups each kernel loop handles per iteration.
 * scripts/generate-wasm.mjs writes these numbers into the WAT (`{{PARAMS_OFFSET}}`,
 * `{{Mode.Scale}}`); instance.ts and drivers.ts import them. Plain constants and no imports: the
 * generator loads this file on its own.
 */

/** The module's memory in 64 KiB pages (fixed: it never grows, so views of it stay valid). */
export const PAGES = 2;

/** Elements per chunk: the drivers copy at most CHUNK elements in per kernel call. */
export const CHUNK = 8192;

/** Byte offsets of the regions: float32 x, v and y (CHUNK elements each), then CHUNK mask bytes. */
export const X_OFFSET = 0;
export const V_OFFSET = X_OFFSET + 4 * CHUNK;
export const Y_OFFSET = V_OFFSET + 4 * CHUNK;
export const MASK_OFFSET = Y_OFFSET + 4 * CHUNK;

/**
 * Where `apply` reads its scalars (past the mask region, with 64 bytes to spare): the drivers
 * write them there rather than pass them, so a call passes integers only (README, "Allocation").
 */
export const PARAMS_OFFSET = MASK_OFFSET + CHUNK + 64;

/** Byte offsets of `apply`'s scalars from PARAMS_OFFSET: two float64, then six float32. */
export const Param = {
  keptBase: 0,
  dropBase: 8,
  keptNoise: 16,
  dropNoise: 20,
  eps: 24,
  /** p = (q - 2) / 2 rounded to 12 significant bits, so e * pHi is exact in float32. */
  pHi: 28,
  /** p - pHi. */
  pLo: 32,
  /** p * log2(e). */
  pLog2e: 36,
} as const;

/**
 * `apply`'s modes: what it computes for out = v * (1 + n * g), g = t^p, t = |x| + eps,
 * p = (q - 2) / 2 (S2.2, S2.3).
 */
export const Mode = {
  /** q = 2, g = 1: out = v * (kept ? keptBase : dropBase), in float64, rounded once (S2.5). */
  Scale: 0,
  /** q = 1: g = 1 / sqrt(t). */
  InverseSqrt: 1,
  /** q = 3: g = sqrt(t). */
  Sqrt: 2,
  /** q = 0: g = 1 / t. */
  Reciprocal: 3,
  /** q = 4: g = t. */
  Linear: 4,
  /** Any other q in [0, 4]: g = t^p from log2 and exp2 polynomials. */
  GeneralPower: 5,
  /** q = 2 with keptBase and dropBase exact in float32: Scale in float32 (the same result). */
  ScaleFloat32: 6,
} as const;

/**
 * Groups per loop iteration: `mask` draws MASK_UNROLL groups of 16 elements, the `apply` loops
 * APPLY_UNROLL groups of 4, their chains interleaved. A group count that is not a multiple rounds
 * up inside the region, since CHUNK / 16 and CHUNK / 4 are multiples of these.
 */
export const MASK_UNROLL = 2;
export const APPLY_UNROLL = 4;
