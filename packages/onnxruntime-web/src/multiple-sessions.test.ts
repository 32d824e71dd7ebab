import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { mcPredict } from './mc-predict.js';
import { modelAt } from './models.testkit.js';
import { makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const SIZE = 64;

/** y = Dropout(x, 0.5[, training]) at `opset`; `trainingInput`: training_mode is the graph input `training`. */
function dropoutModel(opset: number, trainingInput: boolean): Uint8Array {
  return modelAt(opset, {
    name: 'dropout',
    node: [
      makeNode('Constant', [], ['ratio'], [{ name: 'value_float', type: 1, f: 0.5 }]),
      makeNode('Dropout', trainingInput ? ['x', 'ratio', 'training'] : ['x', 'ratio'], ['y'], [], {
        name: 'drop',
      }),
    ],
    input: [
      tensorInfo('x', DataType.FLOAT, [SIZE]),
      ...(trainingInput ? [tensorInfo('training', DataType.BOOL, [])] : []),
    ],
    output: [tensorInfo('y', DataType.FLOAT, [SIZE])],
  });
}

const feeds = () => ({ x: new ort.Tensor('float32', new Float32Array(SIZE).fill(1), [SIZE]) });

describe('S4.1 unseeded mcPredict draws independent masks in every session of a process', () => {
  // ORT seeds an unseeded RandomUniformLike from one process-wide value, so every fresh session
  // of a model used to draw the same masks. Two sessions' means over 2 samples of 64 units at rate
  // 0.5 and q 2 (y is 0 or 2) agree with probability (3/8)^64 < 1e-27 when the masks are
  // independent; the sampling sessions' random seeds (2^24 + 1 values) coincide with probability
  // < 1e-7 per pair: false-failure rate < 1e-6 over the three cases.
  const cases = [
    { label: 'function form (opset 17), training-mode flag', opset: 17, trainingInput: false },
    { label: 'written-out form (opset 13), training-mode flag', opset: 13, trainingInput: false },
    { label: 'function form (opset 17), training_mode a graph input', opset: 17, trainingInput: true },
  ];
  for (const { label, opset, trainingInput } of cases) {
    it(`S4.1 ${label}: two sessions of the same model give different Monte Carlo samples`, async () => {
      const model = replaceDropout(dropoutModel(opset, trainingInput), { q: 2 });
      const options = trainingInput ? { trainingModeFlag: 'training' } : {};
      const extra: Record<string, ort.Tensor> = trainingInput
        ? { training: new ort.Tensor('bool', [false], []) }
        : {};
      const first = await createSparseoutSession(model);
      const second = await createSparseoutSession(model);
      const a = await mcPredict(first, { ...feeds(), ...extra }, { samples: 2, ...options });
      const b = await mcPredict(second, { ...feeds(), ...extra }, { samples: 2, ...options });
      expect(a.y.variance.some((v) => v > 0)).toBe(true);
      expect(Array.from(b.y.mean)).not.toEqual(Array.from(a.y.mean));
      await first.release();
      await second.release();
    });
  }
});
