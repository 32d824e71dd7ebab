import type { DType } from './adapter.js';

/**
 * S2.8: float32 results agree with a float64 evaluation of S2.1-S2.3 to a relative error of 1e-5,
 * with an absolute floor of 1e-6 near zero.
 */
export const FLOAT32_RELATIVE = 1e-5;
export const FLOAT32_ABSOLUTE = 1e-6;

/**
 * float64 results: relative 1e-12. y = x * (1 + n * g) loses relative accuracy where 1 + n * g
 * cancels (|x| near 1, dropped), so the scale is max(|expected|, |x|): an error of 1e-12 in the
 * factor (1 + n * g), never a looser relative error on the result itself.
 */
export const FLOAT64_RELATIVE = 1e-12;

/**
 * Whether `measured` agrees with `expected` (a float64 evaluation) for a result of element type
 * `dtype`. `scale` is |x| (forward) or |dy| (backward). NaN matches only NaN, infinities only themselves.
 */
export function agrees(measured: number, expected: number, dtype: DType, scale: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(measured);
  if (!Number.isFinite(expected)) return measured === expected;
  if (!Number.isFinite(measured)) return false;
  const error = Math.abs(measured - expected);
  if (dtype === 'float32') return error <= Math.max(FLOAT32_RELATIVE * Math.abs(expected), FLOAT32_ABSOLUTE);
  return error <= FLOAT64_RELATIVE * Math.max(Math.abs(expected), Math.abs(scale));
}

/** Describes the tolerance in reports. */
export function toleranceText(dtype: DType): string {
  return dtype === 'float32'
    ? `|error| <= max(${FLOAT32_RELATIVE} * |expected|, ${FLOAT32_ABSOLUTE}) (S2.8)`
    : `|error| <= ${FLOAT64_RELATIVE} * max(|expected|, |x|)`;
}
