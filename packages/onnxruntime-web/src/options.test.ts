import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { expectCode } from './errors.testkit.js';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import { mlpModel } from './models.testkit.js';
import { replaceDropout } from './replace-dropout.js';
import { seedSparseoutNodes } from './seeded-model.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining } from './training-flag.js';

beforeAll(() => configureWasm({ numThreads: 1 }));

const model = mlpModel({ ratio: 0.3 });
const plain = mlpModel({ noDropout: true });
type Options = Parameters<typeof replaceDropout>[1];

describe('S1.4 options of the graph tools', () => {
  it('missing or null options report the missing q (or rate), any other non-object is invalid input', () => {
    const replace = replaceDropout as (bytes: Uint8Array, options?: unknown) => Uint8Array;
    const insert = insertSparseout as (bytes: Uint8Array, options?: unknown) => Uint8Array;
    expectCode(() => replace(model), 'SPARSEOUT_INVALID_Q', /q must be .* got undefined/);
    expectCode(() => replace(model, null), 'SPARSEOUT_INVALID_Q', /got undefined/);
    expectCode(() => replace(model, 2), 'SPARSEOUT_INVALID_INPUT', /options must be an object, got number/);
    expectCode(() => replace(model, [2]), 'SPARSEOUT_INVALID_INPUT', /got an array/);
    expectCode(() => insert(plain), 'SPARSEOUT_INVALID_RATE', /rate must be .* got undefined/);
    expectCode(() => insert(plain, null), 'SPARSEOUT_INVALID_RATE', /got undefined/);
    expectCode(() => insert(plain, 'relu1'), 'SPARSEOUT_INVALID_INPUT', /got string/);
  });

  it('trainingModeFlag must be a non-empty string; constantTrainingMode flag or keep', () => {
    for (const flag of ['', 42, null, {}]) {
      const options = { q: 1, trainingModeFlag: flag } as unknown as Options;
      expectCode(
        () => replaceDropout(model, options),
        'SPARSEOUT_INVALID_INPUT',
        /trainingModeFlag must be a non-empty string/,
      );
      expectCode(
        () => insertSparseout(plain, { ...options, after: 'relu1', rate: 0.2 }),
        'SPARSEOUT_INVALID_INPUT',
        /trainingModeFlag/,
      );
    }
    expectCode(
      () => setSparseoutTraining(model, true, ''),
      'SPARSEOUT_INVALID_INPUT',
      /trainingModeFlag must be a non-empty string/,
    );
    expectCode(
      () => replaceDropout(model, { q: 1, constantTrainingMode: 'always' as 'keep' }),
      'SPARSEOUT_INVALID_INPUT',
      /constantTrainingMode must be 'flag' or 'keep', got "always"/,
    );
  });

  it('a custom trainingModeFlag is the initializer mcPredict and setSparseoutTraining switch', async () => {
    const bytes = replaceDropout(model, { q: 1, trainingModeFlag: 'mc_on' });
    expect(decodeModel(bytes).graph?.initializer?.some((t) => t.name === 'mc_on')).toBe(true);
    expect(() => setSparseoutTraining(bytes, true, 'mc_on')).not.toThrow();
    const session = await createSparseoutSession(bytes);
    const feeds = { pixels: new ort.Tensor('float32', new Float32Array(16).fill(1), [1, 16]) };
    const mc = await mcPredict(session, feeds, { samples: 10, seed: 1, trainingModeFlag: 'mc_on' });
    await session.release();
    expect(Math.max(...mc.probs.variance)).toBeGreaterThan(0);
  });
});

describe('S1.4 seeds on the ONNX path (float32 RandomUniformLike seeds: [0, 2^24])', () => {
  it('2^24 is kept exactly; 2^24 + 1, 2^60 as a bigint, negatives and fractions are SPARSEOUT_INVALID_SEED', () => {
    const seeded = decodeModel(replaceDropout(model, { q: 1, seed: 2 ** 24 }));
    const node = seeded.graph?.node?.find((n) => n.opType === 'Sparseout');
    expect(node?.attribute?.find((a) => a.name === 'seed')?.f).toBe(2 ** 24);
    for (const seed of [2 ** 24 + 1, 2 ** 53, -1, 1.5, Number.NaN]) {
      expectCode(() => replaceDropout(model, { q: 1, seed }), 'SPARSEOUT_INVALID_SEED', /seed/);
      expectCode(
        () => seedSparseoutNodes(replaceDropout(model, { q: 1 }), seed),
        'SPARSEOUT_INVALID_SEED',
        /seed/,
      );
    }
    const huge = (2n ** 60n) as unknown as number;
    expectCode(
      () => seedSparseoutNodes(replaceDropout(model, { q: 1 }), huge),
      'SPARSEOUT_INVALID_SEED',
      /\[0, 2\^24\].*1152921504606846976n/,
    );
    expectCode(
      () => insertSparseout(plain, { after: 'relu1', rate: 0.1, q: 1, seed: 16777217 }),
      'SPARSEOUT_INVALID_SEED',
      /got 16777217/,
    );
  });

  it('seeds seed .. seed + nodes - 1 must all fit: two nodes from 2^24 are refused, from 2^24 - 1 kept', () => {
    const two = insertSparseout(plain, { after: ['Gemm'], rate: 0.1, q: 1 });
    expectCode(() => seedSparseoutNodes(two, 2 ** 24), 'SPARSEOUT_INVALID_SEED', /seed \+ 1/);
    const seeds = decodeModel(seedSparseoutNodes(two, 2 ** 24 - 1))
      .graph?.node?.filter((n) => n.opType === 'Sparseout')
      .map((n) => n.attribute?.find((a) => a.name === 'seed')?.f);
    expect(seeds).toEqual([2 ** 24 - 1, 2 ** 24]);
  });

  it('mcPredict refuses a seed it cannot keep', async () => {
    const session = await createSparseoutSession(replaceDropout(model, { q: 1 }));
    const feeds = { pixels: new ort.Tensor('float32', new Float32Array(16), [1, 16]) };
    await expect(mcPredict(session, feeds, { samples: 2, seed: 2 ** 24 + 1 })).rejects.toMatchObject({
      code: 'SPARSEOUT_INVALID_SEED',
    });
    await session.release();
  });
});
