import { SparseoutError } from '@sparseout/core';

/** A Keras-style noise shape: `null` (or undefined) in a dim means "the input's dim". */
export type NoiseShape = ReadonlyArray<number | null | undefined>;

const show = (shape: ReadonlyArray<unknown>): string =>
  `[${shape.map((d) => (d === null || d === undefined ? 'null' : String(d))).join(', ')}]`;

/**
 * S4.1: resolves a noise shape against an input shape: same rank, each dim 1, null or the input's
 * dim. Throws SPARSEOUT_SHAPE_MISMATCH when it does not broadcast. Input dims may be null (a
 * symbolic batch dim): then any positive dim is accepted there.
 */
export function resolveNoiseShape(
  noiseShape: NoiseShape | undefined,
  shape: ReadonlyArray<number | null>,
): (number | null)[] {
  if (noiseShape === undefined || noiseShape === null) return [...shape];
  if (!Array.isArray(noiseShape) || noiseShape.length !== shape.length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `noiseShape must have the input's rank ${shape.length}, got ${Array.isArray(noiseShape) ? show(noiseShape) : String(noiseShape)}`,
    );
  }
  return noiseShape.map((dim, d) => {
    if (dim === null || dim === undefined) return shape[d];
    const inputDim = shape[d];
    const fits = Number.isInteger(dim) && (dim === 1 || dim === inputDim || (inputDim === null && dim > 0));
    if (!fits) {
      throw new SparseoutError(
        'SPARSEOUT_SHAPE_MISMATCH',
        `noiseShape ${show(noiseShape)} does not broadcast to the input shape ${show(shape)}`,
      );
    }
    return dim;
  });
}

/** The number of elements of a concrete shape. */
export function sizeOf(shape: ReadonlyArray<number>): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}
