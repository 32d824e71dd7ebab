import { describe, expect, it } from 'vitest';
import { encodeModel } from './codec.js';
import { floatTensor, makeNode, tensorAttr, tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';

/**
 * Module bodies as model-local functions (PyTorch's export_modules_as_functions, the dynamo
 * exporter before its inlining pass): x -> [Dropout in the main graph] -> pkg.torch::Block twice,
 * Block = Relu -> Dropout(0.5).
 */
function modelWithFunctions(mainDropout: boolean): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'pkg.torch', version: 1 },
    ],
    functions: [
      {
        name: 'Block',
        domain: 'pkg.torch',
        input: ['bx'],
        output: ['by'],
        node: [
          makeNode('Relu', ['bx'], ['bh']),
          makeNode('Constant', [], ['br'], [tensorAttr('value', floatTensor('v', [], [0.5]))]),
          makeNode('Dropout', ['bh', 'br'], ['by'], [], { name: 'drop' }),
        ],
        opsetImport: [{ domain: '', version: 17 }],
      },
    ],
    graph: {
      name: 'blocks',
      node: [
        mainDropout
          ? makeNode('Dropout', ['x'], ['x1'], [], { name: 'main_drop' })
          : makeNode('Identity', ['x'], ['x1']),
        makeNode('Block', ['x1'], ['h'], [], { domain: 'pkg.torch', name: 'b1' }),
        makeNode('Block', ['h'], ['y'], [], { domain: 'pkg.torch', name: 'b2' }),
      ],
      input: [tensorInfo('x', DataType.FLOAT, [8])],
      output: [tensorInfo('y', DataType.FLOAT, [8])],
    },
  });
}

describe('Dropouts inside model-local functions', () => {
  it('S1.4 are refused with SPARSEOUT_INVALID_INPUT naming the function and the way out, not reported as absent nor left unconverted beside converted ones', () => {
    for (const mainDropout of [false, true]) {
      expect(() => replaceDropout(modelWithFunctions(mainDropout), { q: 1.5 }), String(mainDropout)).toThrow(
        expect.objectContaining({
          code: 'SPARSEOUT_INVALID_INPUT',
          message: expect.stringMatching(/pkg\.torch::Block.*inline/s),
        }),
      );
    }
  });
});
