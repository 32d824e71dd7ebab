import { describe, expect, it } from 'vitest';
import { allocateRows, gather, scatter } from './matrix.js';

describe('brain.js value layouts', () => {
  it('round-trips 1D, 2D and 3D layouts in row-major order', () => {
    for (const [width, height, depth] of [
      [1, 5, 0],
      [3, 2, 0],
      [4, 3, 2],
    ]) {
      const n = width * height * Math.max(depth, 1);
      const flat = Float32Array.from({ length: n }, (_, i) => i + 0.5);
      const rows = allocateRows(width, height, depth);
      scatter(flat, rows);
      const back = new Float32Array(n);
      expect(gather(rows, back)).toBe(n);
      expect(back).toEqual(flat);
    }
  });

  it('lays out [height][width] rows so that element (y, x) is flat index y * width + x', () => {
    const rows = allocateRows(3, 2, 0) as Float32Array[];
    scatter(Float32Array.from([0, 1, 2, 3, 4, 5]), rows);
    expect(rows[1][0]).toBe(3);
    expect(rows[0][2]).toBe(2);
  });

  it('reads plain number arrays, a flat Float32Array and a gpu.js Input-like value', () => {
    const out = new Float32Array(4);
    gather(
      [
        [1, 2],
        [3, 4],
      ],
      out,
    );
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    gather(Float32Array.from([5, 6, 7, 8]), out);
    expect(Array.from(out)).toEqual([5, 6, 7, 8]);
    gather({ value: Float32Array.from([9, 10, 11, 12]), size: [2, 2] }, out);
    expect(Array.from(out)).toEqual([9, 10, 11, 12]);
  });

  it('reads a texture-like value through toArray (GPU mode)', () => {
    const out = new Float32Array(2);
    gather({ toArray: () => [Float32Array.from([1]), Float32Array.from([2])] }, out);
    expect(Array.from(out)).toEqual([1, 2]);
  });
});
