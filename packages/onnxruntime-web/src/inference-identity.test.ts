import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelAt } from './models.testkit.js';
import { makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

type Dtype = 'float32' | 'float64' | 'float16';
const ELEMENT: Record<Dtype, number> = {
  float32: DataType.FLOAT,
  float64: DataType.DOUBLE,
  float16: DataType.FLOAT16,
};

/** y = Dropout(x, ratio, training), all three graph inputs (fed), at `opset`. */
function dropoutModel(opset: number, dtype: Dtype, size: number): Uint8Array {
  return modelAt(opset, {
    name: 'dropout',
    node: [makeNode('Dropout', ['x', 'ratio', 'training'], ['y'], [], { name: 'drop' })],
    input: [
      tensorInfo('x', ELEMENT[dtype], [size]),
      tensorInfo('ratio', DataType.FLOAT, []),
      tensorInfo('training', DataType.BOOL, []),
    ],
    output: [tensorInfo('y', ELEMENT[dtype], [size])],
  });
}

/** Runs the converted model with the given ratio and training mode; the output's raw values. */
async function convertedOutput(model: Uint8Array, x: ort.Tensor, ratio: number, training: boolean) {
  const session = await createSparseoutSession(model);
  const out = await session.run({
    x,
    ratio: new ort.Tensor('float32', Float32Array.of(ratio), []),
    training: new ort.Tensor('bool', [training], []),
  });
  await session.release();
  return Array.from(out.y.data as ArrayLike<number>);
}

const LARGE = { float32: 3e38, float64: 1e300 } as const;

describe('S2.4 plain inference of a converted model is the identity for every finite and infinite input', () => {
  // opset 13: the written-out form; opset 17: the function.
  for (const opset of [13, 17]) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`S2.4 ${dtype}, opset ${opset}: +-Infinity, the largest values, 0 and NaN pass unchanged for q 0.5 to 5, when not training and at rate 0`, async () => {
        const values = [
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          LARGE[dtype],
          -LARGE[dtype],
          0,
          -1.5,
          Number.NaN,
        ];
        const x = new ort.Tensor(
          dtype,
          dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values),
          [values.length],
        );
        const expected = Array.from(x.data as ArrayLike<number>);
        for (const q of [0.5, 1.5, 3, 4, 5]) {
          const model = replaceDropout(dropoutModel(opset, dtype, values.length), { q });
          // Not training (S2.4), and training at rate 0 (S2.4).
          expect(await convertedOutput(model, x, 0.5, false), `q ${q}, inference`).toEqual(expected);
          expect(await convertedOutput(model, x, 0, true), `q ${q}, rate 0`).toEqual(expected);
        }
      });
    }
  }

  it('S2.4 float16, opset 17: zeros (a ReLU output), +-Infinity and the largest half pass unchanged for q 0.5 to 5 (epsilon underflows in float16, so the gain of 0 is infinite there)', async () => {
    // Bits: +0, -0, 1, -2, +Infinity, -Infinity, 65504 (largest half), NaN.
    const bits = Uint16Array.of(0x0000, 0x8000, 0x3c00, 0xc000, 0x7c00, 0xfc00, 0x7bff, 0x7e00);
    const x = new ort.Tensor('float16', bits, [bits.length]);
    for (const q of [0.5, 1.5, 3, 4, 5]) {
      const model = replaceDropout(dropoutModel(17, 'float16', bits.length), { q });
      const plain = await convertedOutput(model, x, 0.5, false);
      const rateZero = await convertedOutput(model, x, 0, true);
      // Compared as bits (ORT-web gives float16 as Uint16Array bits): every NaN is the input's
      // own NaN (0x7e00), +0 and -0 keep their sign.
      expect(plain, `q ${q}, inference`).toEqual(Array.from(bits));
      expect(rateZero, `q ${q}, rate 0`).toEqual(Array.from(bits));
    }
  });
});
