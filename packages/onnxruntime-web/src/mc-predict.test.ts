import { SparseoutError } from '@sparseout/core';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import { modelAt } from './models.testkit.js';
import { makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => configureWasm({ numThreads: 1 }));

const RATE = 0.3;
const Q = 1;
const X = Float32Array.from({ length: 16 }, (_, i) => (i % 2 ? -1 : 1) * (0.25 + i * 0.25));

/** x -> Identity "id" -> Sparseout (rate 0.3, q 1) -> y */
function identityWithSparseout(): Uint8Array {
  const base = modelAt(17, {
    name: 'identity',
    node: [makeNode('Identity', ['x'], ['y'], [], { name: 'id' })],
    input: [tensorInfo('x', DataType.FLOAT, [16])],
    output: [tensorInfo('y', DataType.FLOAT, [16])],
  });
  return insertSparseout(base, { after: 'id', rate: RATE, q: Q });
}

const feeds = () => ({ x: new ort.Tensor('float32', X.slice(), [16]) });

describe('mcPredict', () => {
  it('S5.1/S5.2 mean and variance match E[y] = x and r/(1-r) * |x|^q (n = 3000, 6-sigma bounds)', async () => {
    const session = await createSparseoutSession(identityWithSparseout());
    const n = 3000;
    const { y } = await mcPredict(session, feeds(), { samples: n, seed: 11 });
    expect(y.dims).toEqual([16]);
    // y takes two values per element: a = x(1 + r/(1-r) g) w.p. 1 - r, b = x(1 - g) w.p. r.
    // 6-sigma bounds on the mean and (via the 4th central moment) on the sample variance:
    // normal tail 2e-9 each, 32 bounds: false-failure rate < 1e-7.
    for (let i = 0; i < X.length; i++) {
      const x = X[i];
      const g = (Math.abs(x) + 1e-12) ** ((Q - 2) / 2);
      const a = x * (1 + (RATE / (1 - RATE)) * g);
      const b = x * (1 - g);
      const variance = RATE * (1 - RATE) * (a - b) ** 2;
      const mu4 = RATE * (1 - RATE) * ((1 - RATE) ** 3 + RATE ** 3) * (a - b) ** 4;
      expect(Math.abs(y.mean[i] - x)).toBeLessThan(6 * Math.sqrt(variance / n));
      expect(Math.abs(y.variance[i] - variance)).toBeLessThan(
        6 * Math.sqrt((mu4 - variance ** 2) / n) + 1e-6 * variance,
      );
    }
    await session.release();
  }, 60_000);

  it('a seed makes the result reproducible; another seed gives another one', async () => {
    const session = await createSparseoutSession(identityWithSparseout());
    const first = await mcPredict(session, feeds(), { samples: 20, seed: 5 });
    const again = await mcPredict(session, feeds(), { samples: 20, seed: 5 });
    const other = await mcPredict(session, feeds(), { samples: 20, seed: 6 });
    expect(again.y.mean).toEqual(first.y.mean);
    expect(again.y.variance).toEqual(first.y.variance);
    expect(other.y.mean).not.toEqual(first.y.mean);
    await session.release();
  });

  it('reports progress, gives zero variance for one sample and leaves the plain session as it was', async () => {
    const session = await createSparseoutSession(identityWithSparseout());
    const progress: number[] = [];
    const one = await mcPredict(session, feeds(), { samples: 3, onProgress: (d) => progress.push(d) });
    expect(progress).toEqual([1, 2, 3]);
    const single = await mcPredict(session, feeds(), { samples: 1 });
    expect(Array.from(single.y.variance)).toEqual(new Array(16).fill(0));
    expect(one.y.variance.some((v) => v > 0)).toBe(true);
    const plain = await session.run(feeds());
    expect(plain.y.data).toEqual(X);
    await session.release();
  });

  it('rejects a bad sample count and a session it cannot derive a sampling model from', async () => {
    const session = await createSparseoutSession(identityWithSparseout());
    await expect(mcPredict(session, feeds(), { samples: 0 })).rejects.toThrow(SparseoutError);
    await expect(mcPredict(session, feeds(), { samples: 1.5 })).rejects.toThrow(/samples/);
    const foreign = await ort.InferenceSession.create(identityWithSparseout());
    await expect(mcPredict(foreign, feeds(), { samples: 2 })).rejects.toThrow(/createSparseoutSession/);
    await session.release();
    await foreign.release();
  });
});
