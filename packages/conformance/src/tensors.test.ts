import { describe, expect, it } from 'vitest';
import { describeTensor } from './tensors.js';

describe('describeTensor (what a failed S2.8 check prints as measured)', () => {
  it('S2.8 a shape that is not an array of numbers names its type, so it never reads like the expected one', () => {
    const data = new Float32Array(6);
    expect(describeTensor({ data, shape: [2, 3] })).toBe('Float32Array(6) shape [2, 3]');
    expect(describeTensor({ data, shape: Int32Array.of(2, 3) })).toBe(
      'Float32Array(6) shape Int32Array [2, 3] (an array of numbers is required)',
    );
    expect(describeTensor({ data })).toBe(
      'Float32Array(6) shape undefined (an array of numbers is required)',
    );
    expect(describeTensor({ data, shape: ['2', 3] })).toBe(
      'Float32Array(6) shape ["2", 3] (an array of numbers is required)',
    );
  });
});
