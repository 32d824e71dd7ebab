import { type Digits, gatherDigits, mnistDigits, xorshift32 } from '@sparseout/example-data';

/** A deterministic permutation of 0..n-1 (Fisher-Yates driven by xorshift32). */
function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const next = xorshift32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The samples `picks` names, in a fixed shuffled order. */
function shuffled(picks: [digit: number, index: number][], seed: number): Digits {
  return gatherDigits(Array.from(permutation(picks.length, seed), (from) => picks[from]));
}

/**
 * The mnist package's 10,000 digits split per digit, deterministically: the first `trainShare` of
 * each digit's samples for training, the rest for testing, each set shuffled with a fixed seed.
 */
export function loadDigits(trainShare = 0.8): { train: Digits; test: Digits } {
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (const digit of mnistDigits()) {
    const cut = Math.round(digit.length * trainShare);
    for (let i = 0; i < digit.length; i++) (i < cut ? train : test).push([digit.id, i]);
  }
  return { train: shuffled(train, 1), test: shuffled(test, 2) };
}
