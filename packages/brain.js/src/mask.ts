import { fillMask, keepThreshold, type Seed, splitWords } from '@sparseout/core';

/** S4.2's 32-bit words for one (probability, seed, step): the keep threshold, the key, the step. */
export interface MaskWords {
  threshold: number;
  k0: number;
  k1: number;
  s0: number;
  s1: number;
}

/** The words core's `fillMask` takes for (probability, seed, step), in the signed form hot callers pass. */
export function maskWords(probability: number, seed: Seed, step: Seed): MaskWords {
  const [k0, k1] = splitWords(seed, 'seed');
  const [s0, s1] = splitWords(step, 'step');
  return { threshold: keepThreshold(probability) | 0, k0: k0 | 0, k1: k1 | 0, s0: s0 | 0, s1: s1 | 0 };
}

/** S4.2: fills `mask` with elements [offset, offset + mask.length) of the stream `words` name. */
export function drawMaskWith(mask: Uint8Array, words: MaskWords, offset = 0): void {
  fillMask(mask, words.threshold, words.k0, words.k1, words.s0, words.s1, offset);
}

/**
 * S4.2: fills `mask` with the keep bits of elements [offset, offset + mask.length) of the seeded
 * Philox stream for (seed, step), through @sparseout/core's `fillMask`, so the bits are identical
 * to core's `bernoulliMask` and to every other package (S4.4).
 */
export function drawMask(mask: Uint8Array, probability: number, seed: Seed, step: Seed, offset = 0): void {
  drawMaskWith(mask, maskWords(probability, seed, step), offset);
}
