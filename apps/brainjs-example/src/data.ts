import { CLASSES, mnistDigits, SIDE } from '@sparseout/example-data';

/** One brain.js training item: 14 x 14 = 196 pixels in [0, 1] and a one-hot label of 10 classes. */
export interface Digit {
  input: number[];
  output: number[];
  label: number;
}

/** Averages each 2 x 2 block of a 28 x 28 image: 196 pixels, still in [0, 1]. */
function downsample(raw: number[], start: number): number[] {
  const half = SIDE / 2;
  const out = new Array<number>(half * half);
  for (let y = 0; y < half; y++) {
    for (let x = 0; x < half; x++) {
      const at = start + 2 * y * SIDE + 2 * x;
      out[y * half + x] = (raw[at] + raw[at + 1] + raw[at + SIDE] + raw[at + SIDE + 1]) / 4;
    }
  }
  return out;
}

/**
 * The mnist package's digits, deterministically split per digit: the first `trainPerDigit` samples
 * of each digit for training, the next `testPerDigit` for testing, interleaved by digit.
 */
export function loadDigits(trainPerDigit: number, testPerDigit: number): { train: Digit[]; test: Digit[] } {
  const pick = (from: number, count: number): Digit[] => {
    const items: Digit[] = [];
    for (let i = from; i < from + count; i++) {
      for (const digit of mnistDigits()) {
        if (i >= digit.length) continue;
        const output = Array.from({ length: CLASSES }, (_, c) => (c === digit.id ? 1 : 0));
        items.push({ input: downsample(digit.raw, i * SIDE * SIDE), output, label: digit.id });
      }
    }
    return items;
  };
  return { train: pick(0, trainPerDigit), test: pick(trainPerDigit, testPerDigit) };
}
