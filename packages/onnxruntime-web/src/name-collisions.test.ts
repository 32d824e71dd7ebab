import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import { modelAt } from './models.testkit.js';
import { floatAttr, floatTensor, intAttr, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType, type OnnxGraph } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { TRAINING_MODE_FLAG } from './training-flag.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const SIZE = 64;

/** y = Dropout(Relu(x)) "drop" (no ratio: 0.5) plus `extra` nodes, inputs and initializers; output `used`. */
function model(opset: number, extra: Partial<OnnxGraph>): Uint8Array {
  return modelAt(opset, {
    name: 'collide',
    node: [
      ...(extra.node ?? []),
      makeNode('Relu', ['x'], ['h'], [], { name: 'relu' }),
      makeNode('Dropout', ['h'], ['y'], [], { name: 'drop' }),
    ],
    initializer: extra.initializer ?? [],
    input: [tensorInfo('x', DataType.FLOAT, [SIZE]), ...(extra.input ?? [])],
    output: [tensorInfo('y', DataType.FLOAT, [SIZE]), tensorInfo('used', DataType.FLOAT, [])],
  });
}

/** A value named `name` that the model uses: a bool graph input, a float initializer, a Constant's output. */
const holders = (
  name: string,
): { label: string; extra: Partial<OnnxGraph>; feeds: Record<string, ort.Tensor> }[] => [
  {
    label: 'a bool graph input',
    extra: {
      input: [tensorInfo(name, DataType.BOOL, [])],
      node: [makeNode('Cast', [name], ['used'], [intAttr('to', DataType.FLOAT)])],
    },
    feeds: { [name]: new ort.Tensor('bool', [false], []) },
  },
  {
    label: 'a float initializer',
    extra: { initializer: [floatTensor(name, [], [1])], node: [makeNode('Identity', [name], ['used'])] },
    feeds: {},
  },
  {
    label: "a Constant node's output",
    extra: {
      node: [
        makeNode('Constant', [], [name], [floatAttr('value_float', 1)]),
        makeNode('Identity', [name], ['used']),
      ],
    },
    feeds: {},
  },
];

const x = () => new ort.Tensor('float32', new Float32Array(SIZE).fill(1), [SIZE]);

describe("the training-mode flag's name taken by a value of the model", () => {
  for (const opset of [13, 17]) {
    for (const name of [TRAINING_MODE_FLAG, 'training']) {
      it(`S1.4 opset ${opset}, flag "${name}": refused with SPARSEOUT_INVALID_INPUT naming it, not renamed to a flag mcPredict cannot find`, () => {
        const trainingModeFlag = name === TRAINING_MODE_FLAG ? {} : { trainingModeFlag: name };
        for (const { label, extra } of holders(name)) {
          const bytes = model(opset, extra);
          for (const convert of [
            () => replaceDropout(bytes, { q: 1.5, ...trainingModeFlag }),
            () => insertSparseout(bytes, { after: 'relu', rate: 0.5, q: 1.5, ...trainingModeFlag }),
          ]) {
            expect(convert, label).toThrow(
              expect.objectContaining({
                code: 'SPARSEOUT_INVALID_INPUT',
                message: expect.stringContaining(JSON.stringify(name)),
              }),
            );
          }
        }
      });
    }

    it(`opset ${opset}: with another trainingModeFlag the same models convert, infer as before and mcPredict samples`, async () => {
      for (const { label, extra, feeds } of holders(TRAINING_MODE_FLAG)) {
        const bytes = model(opset, extra);
        const converted = replaceDropout(bytes, { q: 1.5, trainingModeFlag: 'my_flag' });
        expect(decodeModel(converted).graph?.initializer?.some((t) => t.name === 'my_flag')).toBe(true);
        const session = await createSparseoutSession(converted);
        const plain = await session.run({ x: x(), ...feeds });
        expect(Array.from(plain.y.data as Float32Array), label).toEqual(new Array(SIZE).fill(1));
        const mc = await mcPredict(
          session,
          { x: x(), ...feeds },
          { samples: 4, seed: 1, trainingModeFlag: 'my_flag' },
        );
        expect(
          mc.y.variance.some((v) => v > 0),
          label,
        ).toBe(true);
        await session.release();
      }
    });
  }
});
