import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { insertSparseout } from './insert-sparseout.js';
import { modelAt } from './models.testkit.js';
import { floatTensor, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining } from './training-flag.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const SIZE = 256;

/** Two same-shaped layers of one model: Dropout(x) -> y1 (mask m1) and Dropout(Relu(x)) -> y2 (mask m2). */
function twoDropouts(opset: number): Uint8Array {
  return modelAt(opset, {
    name: 'two',
    node: [
      makeNode('Dropout', ['x', 'ratio'], ['y1', 'm1'], [], { name: 'drop1' }),
      makeNode('Relu', ['x'], ['h'], [], { name: 'relu' }),
      makeNode('Dropout', ['h', 'ratio'], ['y2', 'm2'], [], { name: 'drop2' }),
    ],
    initializer: [floatTensor('ratio', [], [0.5])],
    input: [tensorInfo('x', DataType.FLOAT, [SIZE])],
    output: [
      tensorInfo('y1', DataType.FLOAT, [SIZE]),
      tensorInfo('y2', DataType.FLOAT, [SIZE]),
      tensorInfo('m1', DataType.BOOL, [SIZE]),
      tensorInfo('m2', DataType.BOOL, [SIZE]),
    ],
  });
}

/** x -> Relu "a" and Relu "b", two same-shaped outputs. */
function twoRelus(opset: number): Uint8Array {
  return modelAt(opset, {
    name: 'relus',
    node: [
      makeNode('Relu', ['x'], ['a'], [], { name: 'a' }),
      makeNode('Relu', ['x'], ['b'], [], { name: 'b' }),
    ],
    input: [tensorInfo('x', DataType.FLOAT, [SIZE])],
    output: [tensorInfo('a', DataType.FLOAT, [SIZE]), tensorInfo('b', DataType.FLOAT, [SIZE])],
  });
}

const x = () => new ort.Tensor('float32', new Float32Array(SIZE).fill(1), [SIZE]);

async function trainingRun(model: Uint8Array) {
  const session = await createSparseoutSession(setSparseoutTraining(model, true));
  const out = await session.run({ x: x() });
  await session.release();
  return out;
}

const agreeing = (a: ArrayLike<unknown>, b: ArrayLike<unknown>) =>
  Array.from(a).filter((v, i) => v === b[i]).length;

describe("S4.1 the graph tools' seed option: one seed per node (seed, seed + 1, ...), not one for all", () => {
  // Independent masks of 256 units at rate 0.5 agree on Binomial(256, 1/2) units: more than 200
  // with probability < 1e-18. The same seed on both nodes made them agree on all 256 (every run).
  for (const opset of [13, 17]) {
    it(`S4.1 replaceDropout({ seed }) at opset ${opset}: two same-shaped Dropouts draw different masks, repeatably`, async () => {
      const model = replaceDropout(twoDropouts(opset), { q: 2, seed: 7 });
      const out = await trainingRun(model);
      expect(agreeing(out.m1.data, out.m2.data)).toBeLessThan(200);
      const again = await trainingRun(model);
      expect(again.m1.data).toEqual(out.m1.data);
      expect(again.m2.data).toEqual(out.m2.data);
    });

    it(`S4.1 insertSparseout({ seed }) at opset ${opset}: two same-shaped insertions draw different masks`, async () => {
      const model = insertSparseout(twoRelus(opset), { after: 'Relu', rate: 0.5, q: 2, seed: 7 });
      const out = await trainingRun(model);
      // y = 2 (kept) or 0 (dropped) for x = 1 and q 2.
      expect(agreeing(out.a.data, out.b.data)).toBeLessThan(200);
    });
  }

  it('S1.4 the seeds are seed, seed + 1 in graph order; every one must fit in [0, 2^24]', () => {
    const seeds = decodeModel(replaceDropout(twoDropouts(17), { q: 2, seed: 2 ** 24 - 1 }))
      .graph?.node?.filter((n) => n.opType === 'Sparseout')
      .map((n) => n.attribute?.find((a) => a.name === 'seed')?.f);
    expect(seeds).toEqual([2 ** 24 - 1, 2 ** 24]);
    expect(() => replaceDropout(twoDropouts(17), { q: 2, seed: 2 ** 24 })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
    );
    expect(() => insertSparseout(twoRelus(13), { after: 'Relu', rate: 0.5, q: 2, seed: 2 ** 24 })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
    );
  });
});
