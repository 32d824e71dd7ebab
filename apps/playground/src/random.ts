import { philoxBlock } from '@sparseout/core';

/**
 * `count` uniform numbers in (0, 1) from Philox4x32-10 (S4.2's generator, from @sparseout/core):
 * block b of stream `stream` under key `seed` gives four words, each (word + 0.5) / 2^32. Counter
 * based, so the same (seed, stream) gives the same numbers in the page and in the Node test.
 */
export function uniforms(count: number, seed: number, stream = 0): Float64Array {
  const out = new Float64Array(count);
  const words = new Uint32Array(4);
  for (let i = 0; i < count; i += 4) {
    philoxBlock(i / 4, 0, stream, 0, seed >>> 0, 0, words, 0);
    for (let w = 0; w < 4 && i + w < count; w++) out[i + w] = (words[w] + 0.5) / 2 ** 32;
  }
  return out;
}

/** A seeded permutation of 0 .. n-1 (Fisher-Yates over `uniforms(n, seed, stream)`). */
export function permutation(n: number, seed: number, stream: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const u = uniforms(n, seed, stream);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i] * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
