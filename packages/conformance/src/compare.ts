import type { DType, TensorData } from './adapter.js';
import { ensure } from './check.js';
import { describeTensor, dtypeOf, fmt } from './tensors.js';
import { agrees, toleranceText } from './tolerance.js';

/** Checks a returned tensor's container: type `dtype`, shape `shape` (S2.8). */
export function ensureShapeAndType(
  result: TensorData | undefined,
  shape: number[],
  dtype: DType,
  what: string,
) {
  const ok =
    result !== undefined &&
    result !== null &&
    dtypeOf(result) === dtype &&
    Array.isArray(result.shape) &&
    result.shape.length === shape.length &&
    result.shape.every((d, i) => d === shape[i]) &&
    result.data.length === shape.reduce((a, b) => a * b, 1);
  ensure(
    ok,
    `${what}: ${dtype === 'float32' ? 'Float32Array' : 'Float64Array'}(${shape.reduce((a, b) => a * b, 1)}) shape [${shape.join(', ')}]`,
    `${what}: ${describeTensor(result)}`,
  );
}

/** The first element where `measured` disagrees with `expected`, with its details. */
export interface Mismatch {
  index: number;
  expected: number;
  measured: number;
}

/** Compares element by element under the S2.8 tolerance; `scale[i]` is |x| or |dy| at i. */
export function findMismatch(
  measured: ArrayLike<number>,
  expected: ArrayLike<number>,
  dtype: DType,
  scale: ArrayLike<number>,
): Mismatch | undefined {
  for (let i = 0; i < expected.length; i++) {
    if (!agrees(measured[i], expected[i], dtype, Math.abs(scale[i]))) {
      return { index: i, expected: expected[i], measured: measured[i] };
    }
  }
  return undefined;
}

/** Throws a CheckFailure naming the case and element where values disagree. */
export function ensureValues(
  measured: ArrayLike<number>,
  expected: ArrayLike<number>,
  dtype: DType,
  scale: ArrayLike<number>,
  where: string,
  inputs?: ArrayLike<number>,
) {
  const mismatch = findMismatch(measured, expected, dtype, scale);
  if (mismatch === undefined) return;
  const at = inputs === undefined ? '' : ` (x = ${fmt(inputs[mismatch.index])})`;
  ensure(
    false,
    `${where}, element ${mismatch.index}${at}: ${fmt(mismatch.expected)} within ${toleranceText(dtype)}`,
    `${fmt(mismatch.measured)}`,
  );
}

/**
 * Without a known mask: every element must equal its kept value or its dropped value (from core).
 * Returns the inferred mask (1 = kept).
 */
export function inferMask(
  measured: ArrayLike<number>,
  kept: ArrayLike<number>,
  dropped: ArrayLike<number>,
  dtype: DType,
  scale: ArrayLike<number>,
  where: string,
): Uint8Array {
  const mask = new Uint8Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const s = Math.abs(scale[i]);
    const isKept = agrees(measured[i], kept[i], dtype, s);
    const isDropped = agrees(measured[i], dropped[i], dtype, s);
    if (!isKept && !isDropped) {
      ensure(
        false,
        `${where}, element ${i} (x = ${fmt(scale[i])}): the kept value ${fmt(kept[i])} or the dropped value ${fmt(dropped[i])}`,
        fmt(measured[i]),
      );
    }
    mask[i] =
      isKept && (!isDropped || Math.abs(measured[i] - kept[i]) <= Math.abs(measured[i] - dropped[i])) ? 1 : 0;
  }
  return mask;
}
