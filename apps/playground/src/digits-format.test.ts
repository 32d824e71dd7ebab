import { describe, expect, it } from 'vitest';
import { decodeDigits, encodeDigits, PIXELS } from './digits-format.js';

describe('the digit files', () => {
  it('round-trip pixels that are multiples of 1/255 and labels', () => {
    const count = 3;
    const images = Float32Array.from({ length: count * PIXELS }, (_, i) => ((i * 37) % 256) / 255);
    const labels = Int32Array.of(4, 0, 9);
    const decoded = decodeDigits(encodeDigits({ images, labels, count }));
    expect(decoded.count).toBe(count);
    expect(decoded.labels).toEqual(labels);
    expect(decoded.images).toEqual(images);
  });

  it('refuses a file whose length does not match its count', () => {
    const bytes = encodeDigits({ images: new Float32Array(PIXELS), labels: Int32Array.of(1), count: 1 });
    expect(() => decodeDigits(bytes.subarray(0, bytes.length - 1))).toThrow(
      'a digit file of 1 digits has 788 bytes',
    );
  });
});
