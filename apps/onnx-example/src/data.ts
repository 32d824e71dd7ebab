import { type Digits, gatherDigits, mnistDigits, PIXELS, uniformRandom } from '@sparseout/example-data';

/**
 * `perDigit` training and `testPerDigit` test samples of every digit from the mnist package
 * (training from the front of each digit's samples, test from the back), interleaved by digit.
 */
export function loadDigits(perDigit: number, testPerDigit: number): { train: Digits; test: Digits } {
  const take = (count: number, fromEnd: boolean): Digits =>
    gatherDigits(
      Array.from({ length: count }, (_, i) =>
        mnistDigits().map((digit) => [digit.id, fromEnd ? digit.length - 1 - i : i] as const),
      ).flat(),
    );
  return { train: take(perDigit, false), test: take(testPerDigit, true) };
}

/** `count` images of uniform noise in [0, 1] (seeded). */
export function noiseImages(count: number, seed: number): Float32Array {
  return Float32Array.from({ length: count * PIXELS }, uniformRandom(seed));
}
