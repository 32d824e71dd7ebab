import { philox4x32, splitWords } from '@sparseout/core';

/**
 * A seeded stream of uniform numbers for data shuffles and splits, drawn from core's Philox4x32-10
 * (S4.2) with the seed as key and a running counter, so every split and shuffle is reproducible.
 */
export class SeededRandom {
  private readonly key: [number, number];
  private counter = 0;
  private buffer: Uint32Array = new Uint32Array(4);
  private used = 4;

  constructor(seed: number) {
    this.key = splitWords(seed, 'seed');
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.used === 4) {
      this.buffer = philox4x32([this.counter % 2 ** 32, Math.floor(this.counter / 2 ** 32), 0, 0], this.key);
      this.counter++;
      this.used = 0;
    }
    return this.buffer[this.used++];
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** 0..n-1 in a random order. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

/** A standard normal draw (Box-Muller) from a seeded stream. */
export function normal(random: SeededRandom): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
