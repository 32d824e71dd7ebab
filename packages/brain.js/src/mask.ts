import { fillMask, keepThreshold, type Seed, splitWords } from '@sparseout/core';

/**
 * S4.2: fills `mask` with the keep bits of elements [offset, offset + mask.length) of the seeded
 * Philox stream for (seed, step), through @sparseout/core's `fillMask`, so the bits are identical
 * to core's `bernoulliMask` and to every other package (S4.4).
 */
export function drawMask(mask: Uint8Array, probability: number, seed: Seed, step: Seed, offset = 0): void {
  const [k0, k1] = splitWords(seed, 'seed');
  const [s0, s1] = splitWords(step, 'step');
  fillMask(mask, keepThreshold(probability), k0, k1, s0, s1, offset);
}
