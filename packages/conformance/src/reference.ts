import { sparseoutBackward, sparseoutForward } from '@sparseout/core';

/** The parameters the suite sends with a call. */
export interface CallParams {
  rate: number;
  q: number;
  epsilon?: number;
}

/** S2 via @sparseout/core's float64 path: the reference every adapter is held to. */
export function referenceForward(x: ArrayLike<number>, mask: Uint8Array, params: CallParams): Float64Array {
  return sparseoutForward(Float64Array.from(x), mask, params);
}

/** S3 via @sparseout/core's float64 path. */
export function referenceBackward(
  dy: ArrayLike<number>,
  x: ArrayLike<number>,
  mask: Uint8Array,
  params: CallParams & { gradient: 'reference' | 'exact' },
): Float64Array {
  return sparseoutBackward(Float64Array.from(dy), Float64Array.from(x), mask, params);
}

/** The two values an element can take (kept, dropped), from core: used when no mask is known. */
export function outcomes(
  x: ArrayLike<number>,
  params: CallParams,
): { kept: Float64Array; dropped: Float64Array } {
  const n = x.length;
  return {
    kept: referenceForward(x, new Uint8Array(n).fill(1), params),
    dropped: referenceForward(x, new Uint8Array(n), params),
  };
}
