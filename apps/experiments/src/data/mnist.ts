import { type Digits, gatherDigits, mnistDigits } from '@sparseout/example-data';
import { SeededRandom } from '../random.js';

/** Train and held-out test digits (and validation digits when asked for). */
export interface MnistSplit {
  train: Digits;
  test: Digits;
  /** Empty unless `validation` > 0. */
  validation: Digits;
}

/** Options of loadMnist. */
export interface MnistOptions {
  /** Digits per split; at most 10,000 in total (the package ships 10,000). */
  train: number;
  test: number;
  /** Validation digits, disjoint from both (default 0). */
  validation?: number;
  /** Seed of the split and of the order within each split. */
  seed: number;
}

/**
 * A seeded split of the package's 10,000 digits into disjoint train, test (and validation) sets (each sample used
 * at most once; the package's own `set()` shuffles with Math.random, so it is not used).
 */
export function loadMnist(options: MnistOptions): MnistSplit {
  const digits = mnistDigits();
  const all: Array<[number, number]> = [];
  digits.forEach((digit, d) => {
    for (let i = 0; i < digit.length; i++) all.push([d, i]);
  });
  const validation = options.validation ?? 0;
  if (options.train + options.test + validation > all.length) {
    throw new RangeError(
      `mnist has ${all.length} digits, asked for ${options.train} + ${options.test} + ${validation}`,
    );
  }
  new SeededRandom(options.seed).shuffle(all);
  // Train and test take the same digits as before validation existed; validation comes after both.
  const end = options.train + options.test;
  return {
    train: gatherDigits(all.slice(0, options.train)),
    test: gatherDigits(all.slice(options.train, end)),
    validation: gatherDigits(all.slice(end, end + validation)),
  };
}
