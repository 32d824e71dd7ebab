import { SparseoutError } from '@sparseout/core';

/**
 * S1.4 for training data: throws SPARSEOUT_INVALID_INPUT naming the item, the side (input or
 * output) and the position of the first value that is not a finite number, instead of letting
 * brain.js train a network whose weights silently become NaN. Accepts brain.js's data shapes:
 * arrays, typed arrays, nested arrays and objects of numbers.
 */
export function assertFiniteTrainingData(data: ArrayLike<{ input: unknown; output: unknown }>): void {
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    for (const side of ['input', 'output'] as const) {
      const bad = findNonFinite(item?.[side], side);
      if (bad !== null) {
        throw new SparseoutError(
          'SPARSEOUT_INVALID_INPUT',
          `training data must contain finite numbers, got ${String(bad.value)} at data[${i}].${bad.path}`,
        );
      }
    }
  }
}

function findNonFinite(value: unknown, path: string): { value: unknown; path: string } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { value, path };
  if (ArrayBuffer.isView(value)) {
    const array = value as unknown as ArrayLike<number>;
    for (let j = 0; j < array.length; j++) {
      if (!Number.isFinite(array[j])) return { value: array[j], path: `${path}[${j}]` };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let j = 0; j < value.length; j++) {
      const bad = findNonFinite(value[j], `${path}[${j}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const bad = findNonFinite(inner, `${path}.${key}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** Only plain objects (brain.js's `{ key: number }` hashes) are walked, never textures or class instances. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
