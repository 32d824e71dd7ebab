/**
 * A fast t^p for the general-q gain of S2.2, g = t^p with t = |x| + epsilon and p = (q - 2) / 2.
 *
 * t^p = 2^(p * log2 t). log2 t = e + log2(c_j) + log2(1 + r): e from the exponent bits, c_j the
 * mantissa rounded down to 1 + j/128 (a table of log2(c_j) and 1/c_j), r = m / c_j - 1 in
 * [0, 2^-7), log(1 + r) by a degree-6 series. 2^z = 2^k * 2^(j/64) * e^f with |f| <= ln2/128, e^f
 * by a degree-6 series. Every step is float64.
 *
 * Error bound: relative error <= 1e-13 against the exact power for t in [2^-1022, 2^1024) and
 * |p * log2 t| <= 1000 (tested with 10^6 samples over the float32 range, subnormals, zeros plus
 * epsilon and the largest finite values; fast-pow.test.ts). Outside that domain (t not a positive
 * normal float64, or |p * log2 t| > 1000), it returns Math.pow(t, p). Float64 results of S2 need
 * 1e-12 on (1 + n * g) (docs/spec.md S2.8 and the conformance tolerance), so the bound covers
 * float64 too.
 */

const MANTISSA_TABLE_BITS = 7;
const MANTISSA_TABLE_SIZE = 1 << MANTISSA_TABLE_BITS;
const EXP_TABLE_BITS = 6;
const EXP_TABLE_SIZE = 1 << EXP_TABLE_BITS;
const LOG2_E = Math.LOG2E;
const LN2 = Math.LN2;
/** The largest |p * log2 t| handled here; beyond it (overflow or underflow) Math.pow decides. */
const MAX_EXPONENT = 1000;
const MIN_NORMAL = 2 ** -1022;

/** 1 / c_j and log2(c_j), c_j = 1 + j / 128. */
const INVERSE_C = new Float64Array(MANTISSA_TABLE_SIZE);
const LOG2_C = new Float64Array(MANTISSA_TABLE_SIZE);
for (let j = 0; j < MANTISSA_TABLE_SIZE; j++) {
  const c = 1 + j / MANTISSA_TABLE_SIZE;
  INVERSE_C[j] = 1 / c;
  LOG2_C[j] = Math.log2(c);
}
/** 2^(j / 64). */
const EXP2_FRACTION = new Float64Array(EXP_TABLE_SIZE);
for (let j = 0; j < EXP_TABLE_SIZE; j++) EXP2_FRACTION[j] = 2 ** (j / EXP_TABLE_SIZE);
/** 2^k for k in [-1100, 1100], index k + 1100 (subnormal and infinite ends included). */
const POW2_OFFSET = 1100;
const POW2 = new Float64Array(2 * POW2_OFFSET + 1);
for (let k = -POW2_OFFSET; k <= POW2_OFFSET; k++) POW2[k + POW2_OFFSET] = 2 ** k;

/** Scratch for reading a float64's bits (little-endian words: [low, high]). */
const BITS_F64 = new Float64Array(1);
const BITS_U32 = new Uint32Array(BITS_F64.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * t^p for t > 0, within a relative 1e-13 of the exact value in the domain above; Math.pow outside.
 * `p` is the exponent (q - 2) / 2 of S2.2.
 */
export function fastPow(t: number, p: number): number {
  if (!(t >= MIN_NORMAL && t < Number.POSITIVE_INFINITY)) return t ** p;
  BITS_F64[0] = t;
  const high = BITS_U32[HIGH];
  const exponent = (high >>> 20) - 1023;
  const j = (high >>> (20 - MANTISSA_TABLE_BITS)) & (MANTISSA_TABLE_SIZE - 1);
  BITS_U32[HIGH] = (high & 0xfffff) | 0x3ff00000;
  const r = BITS_F64[0] * INVERSE_C[j] - 1;
  // log(1 + r), |r| < 2^-7: the next term r^7 / 7 is below 2^-51 relative.
  const log1p = r * (1 + r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5 + r * (-1 / 6))))));
  const z = p * (exponent + LOG2_C[j] + log1p * LOG2_E);
  if (!(z <= MAX_EXPONENT && z >= -MAX_EXPONENT)) return t ** p;
  const scaled = Math.floor(z * EXP_TABLE_SIZE + 0.5);
  const f = (z - scaled / EXP_TABLE_SIZE) * LN2;
  // e^f, |f| <= ln2 / 128: the next term f^7 / 7! is below 2^-60.
  const expF = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f * (1 / 720))))));
  return POW2[(scaled >> EXP_TABLE_BITS) + POW2_OFFSET] * EXP2_FRACTION[scaled & (EXP_TABLE_SIZE - 1)] * expF;
}
