import { PIXELS } from '@sparseout/example-data';
import { describe, expect, it } from 'vitest';
import { loadMnist } from './mnist.js';

const key = (pixels: Float32Array, row: number) =>
  pixels.subarray(row * PIXELS, (row + 1) * PIXELS).join(',');

describe('mnist loader', () => {
  it('splits the 10,000 digits into disjoint, seeded train and test sets', () => {
    const split = loadMnist({ train: 600, test: 300, seed: 3 });
    expect(split.train.count).toBe(600);
    expect(split.test.images.length).toBe(300 * PIXELS);
    const trainImages = new Set(Array.from({ length: 600 }, (_, i) => key(split.train.images, i)));
    const overlap = Array.from({ length: 300 }, (_, i) => key(split.test.images, i)).filter((k) =>
      trainImages.has(k),
    );
    // The package has a handful of duplicate images; a split that reused samples would share hundreds.
    expect(overlap.length).toBeLessThan(3);
    const counts = new Array(10).fill(0);
    for (const label of split.train.labels) counts[label]++;
    expect(Math.min(...counts)).toBeGreaterThan(30);
    expect([...split.train.images].every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(loadMnist({ train: 600, test: 300, seed: 3 }).test.labels).toEqual(split.test.labels);
  });

  it('a validation set is disjoint from train and test and leaves them as they were', () => {
    const plain = loadMnist({ train: 600, test: 300, seed: 3 });
    const split = loadMnist({ train: 600, test: 300, validation: 200, seed: 3 });
    expect(split.validation.count).toBe(200);
    expect(split.train.labels).toEqual(plain.train.labels);
    expect(split.test.labels).toEqual(plain.test.labels);
    const seen = new Set([
      ...Array.from({ length: 600 }, (_, i) => key(split.train.images, i)),
      ...Array.from({ length: 300 }, (_, i) => key(split.test.images, i)),
    ]);
    const overlap = Array.from({ length: 200 }, (_, i) => key(split.validation.images, i)).filter((k) =>
      seen.has(k),
    );
    expect(overlap.length).toBeLessThan(3);
    expect(() => loadMnist({ train: 7000, test: 2000, validation: 1001, seed: 1 })).toThrow(RangeError);
  });

  it('refuses more digits than the package has', () => {
    expect(() => loadMnist({ train: 9000, test: 2000, seed: 1 })).toThrow(RangeError);
  });
});
