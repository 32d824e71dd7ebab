import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import { ifNode, modelAt } from './models.testkit.js';
import { floatTensor, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

/**
 * As in Hugging Face exports, the op types carry both tensors and int64 shape arithmetic:
 * x [batch, 4] -> Add "float_add" (+ bias) -> Relu -> y; Shape(x) -> Add "int_add" (+ 0) -> size (int64).
 */
function mixedModel(opset: number): Uint8Array {
  return modelAt(opset, {
    name: 'mixed',
    node: [
      makeNode('Shape', ['x'], ['shape'], [], { name: 'shape' }),
      makeNode('Add', ['shape', 'zero64'], ['size'], [], { name: 'int_add' }),
      makeNode('Add', ['x', 'bias'], ['h'], [], { name: 'float_add' }),
      makeNode('Relu', ['h'], ['y'], [], { name: 'relu' }),
    ],
    initializer: [
      { name: 'zero64', dims: [1], dataType: DataType.INT64, int64Data: [0] },
      floatTensor('bias', [4], [0.5, 1, 1.5, 2]),
    ],
    input: [tensorInfo('x', DataType.FLOAT, ['batch', 4])],
    output: [tensorInfo('y', DataType.FLOAT, ['batch', 4]), tensorInfo('size', DataType.INT64, [2])],
  });
}

const x = () =>
  new ort.Tensor(
    'float32',
    Float32Array.from({ length: 8 }, (_, i) => i - 3),
    [2, 4],
  );

describe('insertSparseout after an op type that also computes integer shapes', () => {
  // opset 13: written out; opset 17: the function.
  for (const opset of [13, 17]) {
    it(`opset ${opset}: after 'Add' inserts only after the float Add; the model loads, infers as before and samples`, async () => {
      const converted = insertSparseout(mixedModel(opset), { after: 'Add', rate: 0.5, q: 1.5 });
      const intAdd = decodeModel(converted).graph?.node?.find((n) => n.name === 'int_add');
      expect(intAdd?.output).toEqual(['size']);
      const session = await createSparseoutSession(converted);
      const original = await ort.InferenceSession.create(mixedModel(opset));
      const expected = await original.run({ x: x() });
      const plain = await session.run({ x: x() });
      expect(plain.y.data).toEqual(expected.y.data);
      expect(plain.size.data).toEqual(expected.size.data);
      const mc = await mcPredict(session, { x: x() }, { samples: 20, seed: 1 });
      expect(Object.keys(mc)).toEqual(['y']);
      expect(mc.y.variance.some((v) => v > 0)).toBe(true);
      await session.release();
      await original.release();
    });

    it(`S1.4 opset ${opset}: a node named in after whose output is int64, or an op type with only such nodes, is SPARSEOUT_INVALID_INPUT naming it`, () => {
      for (const after of ['int_add', 'Shape']) {
        expect(() => insertSparseout(mixedModel(opset), { after, rate: 0.5, q: 1.5 }), after).toThrow(
          expect.objectContaining({
            code: 'SPARSEOUT_INVALID_INPUT',
            message: expect.stringMatching(/int64|element type 7/),
          }),
        );
      }
    });
  }

  it("a Reshape of a value whose type cannot be told (an If's output) is not taken for int64 from its shape input", async () => {
    const model = (opset: number, dropout: boolean) =>
      modelAt(opset, {
        name: 'untyped',
        node: [
          ifNode('flip', 'picked', 'Neg', 'Identity'),
          makeNode('Reshape', ['picked', 'flat'], ['flat_x'], [], { name: 'reshape' }),
          dropout
            ? makeNode('Dropout', ['flat_x'], ['y'], [], { name: 'drop' })
            : makeNode('Identity', ['flat_x'], ['y'], [], { name: 'identity' }),
        ],
        initializer: [{ name: 'flat', dims: [1], dataType: DataType.INT64, int64Data: [-1] }],
        input: [tensorInfo('x', DataType.FLOAT, [2, 4]), tensorInfo('flip', DataType.BOOL, [])],
        output: [tensorInfo('y', DataType.FLOAT, [8])],
      });
    const converted = insertSparseout(model(17, false), { after: 'Reshape', rate: 0.5, q: 1.5 });
    const session = await createSparseoutSession(converted);
    const feeds = { x: x(), flip: new ort.Tensor('bool', [false], []) };
    expect((await session.run(feeds)).y.data).toEqual(x().data);
    await session.release();
    // Below 15 the type must be known: the error says it cannot be told, not that it is int64.
    expect(() => replaceDropout(model(13, true), { q: 1.5 })).toThrow(/cannot tell the element type/);
  });
});
