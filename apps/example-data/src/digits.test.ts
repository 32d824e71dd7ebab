import { describe, expect, it } from 'vitest';
import { CLASSES, gatherDigits, mnistDigits, PIXELS, SIDE } from './digits.js';

describe('mnist digits', () => {
  it('lists the 10 digits in order with 10,000 samples of 784 pixels in [0, 1]', () => {
    expect(PIXELS).toBe(SIDE * SIDE);
    expect(mnistDigits().map((digit) => digit.id)).toEqual(Array.from({ length: CLASSES }, (_, d) => d));
    expect(mnistDigits().reduce((sum, digit) => sum + digit.length, 0)).toBe(10_000);
    for (const digit of mnistDigits()) {
      expect(digit.raw.length).toBe(digit.length * PIXELS);
      expect(digit.raw.every((value) => value >= 0 && value <= 1)).toBe(true);
    }
  });

  it('gatherDigits copies the named samples and their labels in the order given', () => {
    const picks = [
      [3, 5],
      [0, 0],
      [9, mnistDigits()[9].length - 1],
    ] as const;
    const set = gatherDigits(picks);
    expect(set.count).toBe(3);
    expect(Array.from(set.labels)).toEqual([3, 0, 9]);
    picks.forEach(([digit, index], row) => {
      const expected = Float32Array.from(
        mnistDigits()[digit].raw.slice(index * PIXELS, (index + 1) * PIXELS),
      );
      expect(set.images.subarray(row * PIXELS, (row + 1) * PIXELS)).toEqual(expected);
    });
  });
});
