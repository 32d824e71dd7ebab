/**
 * brain.js layers hold their values as gpu.js kernel outputs: in CPU mode a Float32Array (1D), an
 * array of Float32Array rows (2D, [height][width]) or of matrices (3D, [depth][height][width]); in
 * GPU mode a Texture; for some inputs a gpu.js `Input` (a flat array and a size). Sparseout does its
 * math on flat Float32Arrays, so these helpers copy between the two, row-major. They never call a
 * gpu.js kernel, so they behave the same in every gpu.js mode.
 */

/** A 1D, 2D or 3D brain.js value in CPU form. */
export type Rows = Float32Array | Float32Array[] | Float32Array[][];

/** Anything a brain.js layer may hold in `weights` or `deltas`. */
export type LayerValue = unknown;

interface TextureLike {
  toArray(): unknown;
  delete?: () => void;
}

interface InputLike {
  value: ArrayLike<number>;
  size: number[];
}

function isTextureLike(value: unknown): value is TextureLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    typeof (value as TextureLike).toArray === 'function'
  );
}

function isInputLike(value: unknown): value is InputLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    'size' in value &&
    Array.isArray((value as InputLike).size)
  );
}

/** Allocates zeros in brain.js's CPU layout for a layer of this width, height and depth. */
export function allocateRows(width: number, height: number, depth: number): Rows {
  const matrix = (): Float32Array[] => Array.from({ length: height }, () => new Float32Array(width));
  if (depth > 0) return Array.from({ length: depth }, matrix);
  return matrix();
}

/**
 * Copies a layer value into `flat` in row-major order and returns how many numbers were copied.
 * Textures (GPU mode) are read back with `toArray()` first.
 */
export function gather(value: LayerValue, flat: Float32Array): number {
  const source = isTextureLike(value) ? value.toArray() : value;
  if (isInputLike(source)) {
    const values = source.value;
    for (let i = 0; i < values.length; i++) flat[i] = values[i];
    return values.length;
  }
  return gatherNested(source, flat, 0);
}

function gatherNested(value: unknown, flat: Float32Array, offset: number): number {
  if (ArrayBuffer.isView(value)) {
    const row = value as Float32Array;
    if (row.length === 1) flat[offset] = row[0];
    else flat.set(row, offset);
    return offset + row.length;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === 'number') {
      for (let i = 0; i < value.length; i++) flat[offset + i] = value[i];
      return offset + value.length;
    }
    let next = offset;
    for (let i = 0; i < value.length; i++) next = gatherNested(value[i], flat, next);
    return next;
  }
  throw new TypeError(`unexpected brain.js layer value: ${Object.prototype.toString.call(value)}`);
}

/** Copies `flat` (row-major) into `rows`, which has the layer's layout (see `allocateRows`). */
export function scatter(flat: Float32Array, rows: Rows): void {
  scatterNested(flat, rows, 0);
}

function scatterNested(flat: Float32Array, rows: Rows, offset: number): number {
  if (rows instanceof Float32Array) {
    if (rows.length === 1) rows[0] = flat[offset];
    else rows.set(flat.subarray(offset, offset + rows.length));
    return offset + rows.length;
  }
  let next = offset;
  for (let i = 0; i < rows.length; i++) next = scatterNested(flat, rows[i] as Rows, next);
  return next;
}

/** Releases a GPU texture (brain.js's `release`); arrays are left to the garbage collector. */
export function releaseTexture(value: LayerValue): void {
  if (isTextureLike(value) && typeof value.delete === 'function') value.delete();
}
