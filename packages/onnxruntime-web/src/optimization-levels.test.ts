import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { mcPredict } from './mc-predict.js';
import { fixture } from './models.testkit.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

describe("ORT's graph optimizer keeps Sparseout (it folds nothing away)", () => {
  // opset 17: the function; opset 7: the written-out form.
  for (const opset of [7, 17]) {
    it(`S2.4/S5 mlp at opset ${opset}, graphOptimizationLevel ${LEVELS.join(', ')}: inference equals the eval export, mcPredict varies every output`, async () => {
      const converted = replaceDropout(fixture('mlp', opset, 'train'), { q: 1.5 });
      const x = () =>
        new ort.Tensor(
          'float32',
          Float32Array.from({ length: 16 }, (_, i) => Math.sin(i) + 0.5),
          [2, 8],
        );
      const evalSession = await ort.InferenceSession.create(fixture('mlp', opset, 'eval'));
      const expected = (await evalSession.run({ x: x() })).y.data;
      for (const graphOptimizationLevel of LEVELS) {
        const session = await createSparseoutSession(converted, { graphOptimizationLevel });
        expect((await session.run({ x: x() })).y.data, graphOptimizationLevel).toEqual(expected);
        // Seeded: the same masks every run, so the check is deterministic.
        const { y } = await mcPredict(session, { x: x() }, { samples: 30, seed: 2 });
        expect(
          y.variance.every((v) => v > 0),
          `${graphOptimizationLevel}: ${Array.from(y.variance)}`,
        ).toBe(true);
        await session.release();
      }
      await evalSession.release();
    });
  }
});
