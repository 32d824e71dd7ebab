import { SparseoutError } from '@sparseout/core';

/** A Keras-style noise shape: `null` (or undefined) in a dim means "the input's dim". */
export type NoiseShape = ReadonlyArray<number | null | undefined>;

const show = (shape: ReadonlyArray<unknown>): string =>
  `[${shape.map((d) => (d === null || d === undefined ? 'null' : String(d))).join(', ')}]`;

/**
 * S4.1: resolves a noise shape against an input shape, broadcasting as `tf.dropout` does: a noise
 * shape of lower rank is aligned to the input's trailing dims (numpy rules) and gets leading 1s.
 * Each dim must be 1, null (the input's dim) or the input's dim. Returns the noise shape at the
 * input's rank; the cells keep their order, so cell i of the Philox stream (S4.2) is unchanged.
 * Throws SPARSEOUT_SHAPE_MISMATCH when it does not broadcast. Input dims may be null (a symbolic
 * batch dim): then any positive dim is accepted there.
 */
export function resolveNoiseShape(
  noiseShape: NoiseShape | undefined,
  shape: ReadonlyArray<number | null>,
): (number | null)[] {
  if (noiseShape === undefined || noiseShape === null) return [...shape];
  if (!Array.isArray(noiseShape) || noiseShape.length > shape.length) {
    throw new SparseoutError(
      'SPARSEOUT_SHAPE_MISMATCH',
      `noiseShape must have at most the input's rank ${shape.length}, got ${Array.isArray(noiseShape) ? show(noiseShape) : String(noiseShape)}`,
    );
  }
  const lead = shape.length - noiseShape.length;
  const aligned: NoiseShape = [...new Array<number>(lead).fill(1), ...noiseShape];
  return aligned.map((dim, d) => {
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
