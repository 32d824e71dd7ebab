import { describeValue, SparseoutError } from './errors.js';

/** The element types Sparseout computes in (S2.8): float32 in, float32 out; float64 in, float64 out. */
export type FloatArray = Float32Array | Float64Array;

/** Throws SPARSEOUT_INVALID_INPUT unless `value` is a Float32Array or Float64Array. */
export function assertFloatArray(value: unknown, name: string): asserts value is FloatArray {
  if (!(value instanceof Float32Array) && !(value instanceof Float64Array)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a Float32Array or Float64Array, got ${describeValue(value)}`,
    );
  }
}

/** Throws SPARSEOUT_INVALID_INPUT unless `mask` is a Uint8Array, SHAPE_MISMATCH unless its length is n. */
export function assertMask(mask: unknown, n: number, name = 'mask'): asserts mask is Uint8Array {
  if (!(mask instanceof Uint8Array)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a Uint8Array, got ${describeValue(mask)}`,
    );
  }
  if (mask.length !== n) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `${name} must have length ${n} (the input's), got ${mask.length}`,
    );
  }
}

/** Throws SHAPE_MISMATCH unless `other` (a float array of the same type as `like`) has `like`'s length. */
export function assertSameFloatArray(
  other: unknown,
  like: FloatArray,
  name: string,
): asserts other is FloatArray {
  assertFloatArray(other, name);
  if (other.constructor !== like.constructor) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `${name} must be a ${like.constructor.name} like the input, got ${describeValue(other)}`,
    );
  }
  if (other.length !== like.length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `${name} must have length ${like.length} (the input's), got ${other.length}`,
    );
  }
}

/** Returns `out` after checking it, or a new array of `like`'s type and length (S2.8). */
export function outputLike<T extends FloatArray>(like: T, out: unknown, name = 'out'): T {
  if (out === undefined) return new (like.constructor as { new (n: number): T })(like.length);
  assertSameFloatArray(out, like, name);
  return out as T;
}

/**
 * S1.4: throws SPARSEOUT_INVALID_INPUT when `written` (an output the call writes) shares bytes with
 * `read` (an array it reads) without being exactly the same view: a loop writing element i while
 * later elements are still to be read would read outputs instead of inputs. Exact aliasing (the
 * same buffer, offset, length and element type) stays allowed: each element is read before it is
 * written. Allocates nothing.
 */
export function assertNoPartialOverlap(
  written: ArrayBufferView,
  read: ArrayBufferView,
  writtenName: string,
  readName: string,
): void {
  if (written === read || written.buffer !== read.buffer) return;
  const start = written.byteOffset;
  const end = start + written.byteLength;
  const readStart = read.byteOffset;
  const readEnd = readStart + read.byteLength;
  if (end <= readStart || readEnd <= start) return;
  if (start === readStart && end === readEnd && written.constructor === read.constructor) {
    return;
  }
  throw new SparseoutError(
    'SPARSEOUT_INVALID_INPUT',
    `${writtenName} must not partly overlap ${readName} (only the very same array may be reused), got bytes [${start}, ${end}) of ${readName}'s buffer, which holds ${readName} at [${readStart}, ${readEnd})`,
  );
}
