import { keepThreshold } from '@sparseout/core';
import type { SparseoutAttrs } from '../../kernel_names.js';

/** A uint32 as its [low, high] 16-bit halves (how the webgl kernels pass 32-bit words, S4.2). */
export const halves = (word: number): [number, number] => [word & 0xffff, word >>> 16];

/** S4.2: the seed (key), step (counter words 2 and 3) and keep threshold of a seeded mask. */
export function philoxWords(attrs: SparseoutAttrs): { key: number[]; step: number[]; threshold: number } {
  return {
    key: [attrs.seedLo >>> 0, attrs.seedHi >>> 0],
    step: [attrs.stepLo >>> 0, attrs.stepHi >>> 0],
    threshold: keepThreshold(attrs.rate) >>> 0,
  };
}

/** S2.1: n of a kept unit, r / (1 - r) (a dropped one has n = -1). */
export const keptNoise = (rate: number): number => rate / (1 - rate);
