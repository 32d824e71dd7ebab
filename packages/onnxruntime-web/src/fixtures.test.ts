import { sparseoutForward } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import {
  exposeValues,
  FIXTURE_MODELS,
  FIXTURE_OPSETS,
  type FixtureModel,
  fixture,
} from './models.testkit.js';
import { DataType, int64ToNumber } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { seedSparseoutNodes } from './seeded-model.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining } from './training-flag.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const Q = 1.5;
const input = (model: FixtureModel) => {
  const shape: number[] = [...FIXTURE_MODELS[model].shape];
  const size = shape.reduce((a, b) => a * b, 1);
  return new ort.Tensor(
    'float32',
    Float32Array.from({ length: size }, (_, i) => 2 * Math.sin(1.7 * i + 0.3)),
    shape,
  );
};

async function runOnce(bytes: Uint8Array, feeds: Record<string, ort.Tensor>) {
  const session = await createSparseoutSession(bytes);
  const out = await session.run(feeds);
  await session.release();
  return out;
}

/** The Dropouts of an exported model: data input, output and mask output names, in graph order. */
function dropouts(bytes: Uint8Array) {
  return (decodeModel(bytes).graph?.node ?? [])
    .filter((n) => n.opType === 'Dropout')
    .map((n) => ({ data: n.input?.[0] ?? '', output: n.output?.[0] ?? '', mask: n.output?.[1] ?? '' }));
}

// Every model the PyTorch 1.13 exporter wrote (fixtures/export_fixtures.py): at opset < 12 the
// Dropouts carry a `ratio` attribute (Dropout-7/10), from 12 a Constant ratio and a Constant
// training_mode true; below 15 Sparseout is written out as standard nodes, at 17 it is the function.
describe.each(
  FIXTURE_OPSETS.flatMap((opset) => (['mlp', 'cnn', 'seq'] as const).map((model) => ({ model, opset }))),
)('PyTorch export $model at opset $opset', ({ model, opset }) => {
  const train = fixture(model, opset, 'train');
  const evalBytes = fixture(model, opset, 'eval');
  const feeds = () => ({ x: input(model) });

  it('S2.4 plain inference of the converted train export equals the eval export exactly, run after run; input bytes untouched', async () => {
    const copy = train.slice();
    const converted = replaceDropout(train, { q: Q });
    expect(train).toEqual(copy);
    const decoded = decodeModel(converted);
    // The model's opset import and IR version stay as they were (IR 3 at opset 7 too).
    expect(int64ToNumber(decoded.opsetImport?.find((o) => !o.domain)?.version)).toBe(opset);
    expect(int64ToNumber(decoded.irVersion)).toBe(int64ToNumber(decodeModel(train).irVersion));
    const want = (await runOnce(evalBytes, feeds())).y.data;
    const session = await createSparseoutSession(converted);
    const first = (await session.run(feeds())).y.data;
    const second = (await session.run(feeds())).y.data;
    await session.release();
    expect(first).toEqual(want);
    expect(second).toEqual(want);
  });

  it('S2.3 in training each Sparseout output is core forward of its input with the mask it reports (1e-5)', async () => {
    const found = dropouts(train);
    const values: Record<string, number> = {};
    for (const d of found) {
      values[d.data] = DataType.FLOAT;
      values[d.output] = DataType.FLOAT;
      // Dropout-7's mask has the data's type; from opset 10 it is bool.
      values[d.mask] = opset < 10 ? DataType.FLOAT : DataType.BOOL;
    }
    const converted = replaceDropout(train, { q: Q });
    const sampling = seedSparseoutNodes(setSparseoutTraining(exposeValues(converted, values), true), 21);
    const out = await runOnce(sampling, feeds());
    found.forEach((d, i) => {
      const x = out[d.data].data as Float32Array;
      const mask = Uint8Array.from(out[d.mask].data as ArrayLike<number>, (m) => (m ? 1 : 0));
      const rate = FIXTURE_MODELS[model].ratios[i];
      const want = sparseoutForward(Float64Array.from(x), mask, { rate, q: Q });
      const got = out[d.output].data as Float32Array;
      const dropped = mask.reduce((n, m) => n + (m ? 0 : 1), 0);
      expect(dropped).toBeGreaterThan(0);
      expect(dropped).toBeLessThan(mask.length);
      expect(got).toAgree(want);
    });
  });

  it('S4.5 mcPredict: a seeded run repeats exactly; mean within 6 sd of the inference output, variance > 0', async () => {
    const session = await createSparseoutSession(replaceDropout(train, { q: Q }));
    const plain = (await session.run(feeds())).y.data as Float32Array;
    const n = 300;
    const a = await mcPredict(session, feeds(), { samples: n, seed: 3 });
    const b = await mcPredict(session, feeds(), { samples: n, seed: 3 });
    await session.release();
    expect(a.y.mean).toEqual(b.y.mean);
    expect(a.y.variance).toEqual(b.y.variance);
    // Sparseout is unbiased (S5.1) and every layer after a Dropout here is linear, so E[y] is the
    // inference output. 300 samples, 6 estimated sd per element: t-tail about 1e-8 per element,
    // at most 20 elements, so a false-failure rate below 1e-6 for a fresh seed (the seed is fixed).
    for (let i = 0; i < plain.length; i++) {
      expect(a.y.variance[i]).toBeGreaterThan(0);
      expect(Math.abs(a.y.mean[i] - plain[i])).toBeLessThan(6 * Math.sqrt(a.y.variance[i] / n));
    }
  });

  it('S2.4 insertSparseout on the eval export: inference and rate 0 in training equal the eval export exactly', async () => {
    const after = model === 'seq' ? 'Tanh' : 'Relu';
    const want = (await runOnce(evalBytes, feeds())).y.data;
    const inserted = insertSparseout(evalBytes, { after, rate: 0.3, q: Q });
    expect((await runOnce(inserted, feeds())).y.data).toEqual(want);
    const rateZero = setSparseoutTraining(insertSparseout(evalBytes, { after, rate: 0, q: Q }), true);
    expect((await runOnce(rateZero, feeds())).y.data).toEqual(want);
    const sampling = setSparseoutTraining(inserted, true);
    expect((await runOnce(sampling, feeds())).y.data).not.toEqual(want);
  });
});

describe('a constant training_mode (PyTorch training-mode export)', () => {
  it('the node that writes each converted output says what became of its training_mode', () => {
    for (const opset of [7, 13, 17]) {
      for (const mode of ['flag', 'keep'] as const) {
        const converted = decodeModel(
          replaceDropout(fixture('mlp', opset, 'train'), { q: Q, constantTrainingMode: mode }),
        );
        const writer = converted.graph?.node?.find((n) => n.output?.[0] === '/drop/Dropout_output_0');
        const want =
          opset < 12
            ? /from Dropout "\/drop\/Dropout"; training_mode: none, wired to the training-mode flag$/
            : mode === 'flag'
              ? /training_mode: the constant "\/drop\/Constant_1_output_0", wired to the training-mode flag instead$/
              : /training_mode: the constant "\/drop\/Constant_1_output_0", kept$/;
        expect(writer?.docString).toMatch(want);
      }
    }
  });

  it("'keep' keeps the constant true: every plain run samples", async () => {
    for (const opset of [13, 17]) {
      const kept = replaceDropout(fixture('mlp', opset, 'train'), { q: Q, constantTrainingMode: 'keep' });
      const session = await createSparseoutSession(kept);
      const first = (await session.run({ x: input('mlp') })).y.data;
      const second = (await session.run({ x: input('mlp') })).y.data;
      await session.release();
      expect(first).not.toEqual(second);
    }
  });
});
