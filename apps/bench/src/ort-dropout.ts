import { DataType, encodeModel, onnx } from '@sparseout/onnxruntime-web';

/**
 * One native ONNX Dropout node (opset 17): data, ratio, training_mode -> output, mask. The
 * baseline of the ORT rows and of core's framework rows.
 */
export function dropoutModel(): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'dropout',
      node: [onnx.makeNode('Dropout', ['data', 'ratio', 'training_mode'], ['output', 'mask'])],
      input: [
        onnx.tensorInfo('data', DataType.FLOAT),
        onnx.tensorInfo('ratio', DataType.FLOAT, []),
        onnx.tensorInfo('training_mode', DataType.BOOL, []),
      ],
      output: [onnx.tensorInfo('output', DataType.FLOAT), onnx.tensorInfo('mask', DataType.BOOL)],
    },
  });
}
