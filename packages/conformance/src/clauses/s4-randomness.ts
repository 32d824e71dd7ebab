import { bernoulliMask } from '@sparseout/core';
import type { SeedValue } from '../adapter.js';
import { callForward } from '../calls.js';
import { type Check, type CheckContext, ensure, needs } from '../check.js';
import { ensureShapeAndType, inferMask } from '../compare.js';
import { outcomes } from '../reference.js';
import { FALSE_FAILURE_RATE, hoeffdingBound, SAMPLE_SIZE, sampleConstant, sampleMask } from '../sampling.js';
import { constant, firstDifference, fmt } from '../tensors.js';

/** One seeded call: forward over ones (q = 2) and the mask it used (reported, else read from y). */
async function seededMask(
  context: CheckContext,
  shape: number[],
  rate: number,
  seed: SeedValue,
  step: SeedValue,
): Promise<Uint8Array> {
  const x = constant(1, shape, 'float32');
  const result = await callForward(context, { x, rate, q: 2, seed, step });
  ensureShapeAndType(result?.y, shape, 'float32', 'y');
  const params = { rate, q: 2 };
  const { kept, dropped } = outcomes(x.data, params);
  const fromY = inferMask(result.y.data, kept, dropped, 'float32', x.data, `seed ${seed} step ${step}`);
  if (result.mask instanceof Uint8Array) {
    const at = firstDifference(result.mask, fromY);
    ensure(at === undefined, 'the reported mask matches y', `they differ at element ${at}`);
  }
  return fromY;
}

const SEEDED_CASES: Array<{ seed: SeedValue; step: SeedValue; shape: number[]; rate: number }> = [
  { seed: 0, step: 0, shape: [1], rate: 0.5 },
  { seed: 42, step: 0, shape: [5], rate: 0.5 },
  { seed: 42, step: 1, shape: [1027], rate: 0.1 },
  { seed: 2 ** 32 + 5, step: 2 ** 32 + 3, shape: [4099], rate: 0.9 },
  { seed: 2n ** 64n - 1n, step: 2n ** 63n + 12345n, shape: [8, 8], rate: 0.5 },
  { seed: Number.MAX_SAFE_INTEGER, step: 7, shape: [3, 7, 11], rate: 0.3 },
];

/**
 * S4.3's first known answer: Philox4x32-10 of counter (0, 0, 0, 0) under key (0, 0). By S4.2 that
 * is block 0 of step 0 under seed 0, so elements 0..3 of the seed-0, step-0 mask take these words.
 */
const KAT_WORDS = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8];
const TWO_32 = 2 ** 32;

/**
 * Seeds and steps on either side of the 32-bit word boundary (k1 and the counter's step words
 * carry), lengths that are not a multiple of 4 (a partial last block).
 */
const WORD_BOUNDARY_CASES: Array<{ seed: SeedValue; step: SeedValue; length: number }> = [
  { seed: 1, step: TWO_32 - 1, length: 33 },
  { seed: 1, step: TWO_32, length: 33 },
  { seed: 1, step: TWO_32 + 1, length: 33 },
  { seed: 1, step: 2 ** 53 - 1, length: 6 },
  { seed: 1, step: 2n ** 64n - 1n, length: 7 },
  { seed: TWO_32 - 1, step: 3, length: 9 },
  { seed: TWO_32, step: 3, length: 9 },
  { seed: TWO_32 + 1, step: 3, length: 9 },
];

/** The number of units that are dropped both in a and in b. */
function bothDropped(a: Uint8Array, b: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === 0 && b[i] === 0) count++;
  return count;
}

export const s4Checks: Check[] = [
  {
    id: 'S4.1',
    title: 'mask bits are independent between neighbours and between calls',
    async run(context) {
      // Two draws of 2^18 units at rate 0.5. Neighbour pairs (2i, 2i + 1): 2^17 pairs, both dropped
      // with probability 1/4; the same unit in two calls: 2^18 pairs, both dropped with probability
      // 1/4. Each frequency is a mean of indicators (width 1): Hoeffding with delta = 5e-7 each
      // keeps the check's false-failure rate at 1e-6.
      const delta = FALSE_FAILURE_RATE / 2;
      const first = sampleMask(await sampleConstant(context, 1, { rate: 0.5, q: 2 }), 1);
      const second = sampleMask(await sampleConstant(context, 1, { rate: 0.5, q: 2 }), 1);
      const even = new Uint8Array(SAMPLE_SIZE / 2);
      const odd = new Uint8Array(SAMPLE_SIZE / 2);
      for (let i = 0; i < SAMPLE_SIZE / 2; i++) {
        even[i] = first[2 * i];
        odd[i] = first[2 * i + 1];
      }
      const neighbours = bothDropped(even, odd) / even.length;
      const calls = bothDropped(first, second) / SAMPLE_SIZE;
      const neighbourBound = hoeffdingBound(even.length, 1, delta);
      const callBound = hoeffdingBound(SAMPLE_SIZE, 1, delta);
      const expected = `P(both dropped) = 0.25 +- ${fmt(neighbourBound)} for neighbours (2^17 pairs) and +- ${fmt(callBound)} across two calls (2^18 units); false-failure rate 1e-6 (Hoeffding)`;
      const measured = `neighbours ${fmt(neighbours)}, across calls ${fmt(calls)}`;
      ensure(
        Math.abs(neighbours - 0.25) <= neighbourBound && Math.abs(calls - 0.25) <= callBound,
        expected,
        measured,
      );
      return { expected, measured };
    },
  },
  {
    id: 'S4.1',
    title: 'a noise shape broadcasts one mask bit over each broadcast cell',
    applies: needs.noiseShape,
    async run(context) {
      const shape = [8, 6, 4];
      for (const noiseShape of [
        [8, 1, 4],
        [1, 6, 1],
        [1, 1, 1],
      ]) {
        const x = constant(1, shape, 'float32');
        const request = {
          x,
          rate: 0.5,
          q: 2,
          noiseShape,
          ...(context.supports.seededMask ? { seed: 7, step: 1 } : {}),
        };
        const result = await callForward(context, request);
        ensureShapeAndType(result?.y, shape, 'float32', 'y');
        const { kept, dropped } = outcomes(x.data, { rate: 0.5, q: 2 });
        const mask = inferMask(
          result.y.data,
          kept,
          dropped,
          'float32',
          x.data,
          `noise shape [${noiseShape}]`,
        );
        for (let i = 0; i < 8; i++) {
          for (let j = 0; j < 6; j++) {
            for (let k = 0; k < 4; k++) {
              const cell =
                (noiseShape[0] === 1 ? 0 : i) * 24 +
                (noiseShape[1] === 1 ? 0 : j) * 4 +
                (noiseShape[2] === 1 ? 0 : k);
              const index = i * 24 + j * 4 + k;
              ensure(
                mask[index] === mask[cell],
                `noise shape [${noiseShape}]: element [${i}, ${j}, ${k}] shares the bit of its cell`,
                `bits ${mask[index]} and ${mask[cell]}`,
              );
            }
          }
        }
      }
      return {
        expected: 'one bit per noise-shape cell, broadcast over x [8, 6, 4]',
        measured: 'as required',
      };
    },
  },
  {
    id: 'S4.2',
    title: "seeded masks equal core's Philox4x32-10 masks bit for bit (seeds and steps beyond 2^32)",
    applies: needs.seededMask,
    async run(context) {
      let bits = 0;
      for (const { seed, step, shape, rate } of SEEDED_CASES) {
        const mask = await seededMask(context, shape, rate, seed, step);
        const expected = bernoulliMask(mask.length, rate, { seed, step });
        const at = firstDifference(mask, expected);
        ensure(
          at === undefined,
          `seed ${seed} step ${step} rate ${rate} length ${mask.length}: core's mask`,
          `bit ${at} is ${mask[at ?? 0]}, core's is ${expected[at ?? 0]}`,
        );
        bits += mask.length;
      }
      return {
        expected: `core's bernoulliMask for ${SEEDED_CASES.length} (seed, step, rate, shape) cases`,
        measured: `all ${bits} bits equal`,
      };
    },
  },
  {
    id: 'S4.2',
    title:
      'the keep threshold is inclusive: a word equal to floor(r * 2^32) keeps its unit, word + 1 drops it',
    applies: needs.seededMask,
    async run(context) {
      // rate = t / 2^32 is exact in float64 (t < 2^32 is an integer), so floor(rate * 2^32) = t.
      // Seed 0, step 0, elements 0..3 take the words of S4.3's first known answer; each word w is
      // set as the threshold t = w (kept: w >= t), t = w + 1 (dropped) and t = w - 1 (kept).
      let masks = 0;
      for (let j = 0; j < KAT_WORDS.length; j++) {
        for (const threshold of [KAT_WORDS[j], KAT_WORDS[j] + 1, KAT_WORDS[j] - 1]) {
          const rate = threshold / TWO_32;
          const mask = await seededMask(context, [4], rate, 0, 0);
          masks++;
          KAT_WORDS.forEach((word, k) => {
            const keep = word >= threshold ? 1 : 0;
            ensure(
              mask[k] === keep,
              `seed 0 step 0, element ${k} (word 0x${word.toString(16)}) at threshold 0x${threshold.toString(16)} (rate ${rate}): ${keep ? 'kept' : 'dropped'}`,
              mask[k] ? 'kept' : 'dropped',
            );
          });
        }
      }
      return {
        expected:
          "kept iff word >= floor(r * 2^32), with r set so the threshold equals each of S4.3's four words, and the word +- 1",
        measured: `all ${masks} masks (4 elements each) as required`,
      };
    },
  },
  {
    id: 'S4.2',
    title: "seeds and steps across the 32-bit word boundary, lengths not a multiple of 4: core's masks",
    applies: needs.seededMask,
    async run(context) {
      for (const { seed, step, length } of WORD_BOUNDARY_CASES) {
        const mask = await seededMask(context, [length], 0.5, seed, step);
        const expected = bernoulliMask(length, 0.5, { seed, step });
        const at = firstDifference(mask, expected);
        ensure(
          at === undefined,
          `seed ${seed} step ${step} length ${length}: core's mask`,
          `bit ${at} is ${mask[at ?? 0]}, core's is ${expected[at ?? 0]}`,
        );
      }
      return {
        expected: `core's bernoulliMask for ${WORD_BOUNDARY_CASES.length} cases: steps 2^32 - 1, 2^32, 2^32 + 1, 2^53 - 1, 2^64 - 1; seeds 2^32 - 1, 2^32, 2^32 + 1`,
        measured: 'all bits equal',
      };
    },
  },
  {
    id: 'S4.3',
    title: 'Philox4x32-10 gives the Random123 known answers',
    applies: () =>
      "core-level: philox4x32's known answers are tested in @sparseout/core; adapters meet them through S4.2",
    async run() {
      return { expected: '', measured: '' };
    },
  },
  {
    id: 'S4.4',
    title: 'the same seed, step and length give the same mask, whatever the shape; another step another mask',
    applies: needs.seededMask,
    async run(context) {
      const masks = [];
      for (const shape of [[4096], [64, 64], [16, 16, 16], [4, 8, 8, 16]]) {
        masks.push(await seededMask(context, shape, 0.5, 2 ** 40 + 1, 2 ** 33));
      }
      masks.push(await seededMask(context, [4096], 0.5, 2 ** 40 + 1, 2 ** 33));
      for (const mask of masks.slice(1)) {
        const at = firstDifference(mask, masks[0]);
        ensure(at === undefined, 'identical masks for one seed, step and length', `they differ at bit ${at}`);
      }
      const other = await seededMask(context, [4096], 0.5, 2 ** 40 + 1, 2 ** 33 + 1);
      ensure(
        firstDifference(other, masks[0]) !== undefined,
        'a different mask for the next step',
        'the same mask',
      );
      return {
        expected: 'one mask across 5 calls and 4 shapes of 4096 elements; a new one for step + 1',
        measured: 'as required',
      };
    },
  },
  {
    id: 'S4.5',
    title: 'an adapter that draws its own random numbers accepts explicit masks',
    applies: ({ supports }) =>
      supports.seededMask
        ? "supports.seededMask is true: the adapter's masks are core's Philox stream (S4.2)"
        : undefined,
    async run(context) {
      ensure(
        context.supports.explicitMask,
        'supports.explicitMask, so S2 and S3 values can be checked with a known mask',
        'neither seeded masks nor explicit masks',
      );
      return {
        expected: 'explicit masks accepted (S2/S3 checked with them); S5 checks its sampler',
        measured: 'supports.explicitMask is true',
      };
    },
  },
];
