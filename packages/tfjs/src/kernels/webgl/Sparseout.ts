import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { env, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { Sparseout, type SparseoutAttrs } from '../../kernel_names.js';
import { sizeOf } from '../../noise_shape.js';
import { drawCells } from '../kernel_mask.js';
import { cellGroups } from '../shaders/cell_index.js';
import { gainKind } from '../shaders/gain_kind.js';
import { halves, keptNoise, philoxWords } from '../shaders/uniforms.js';
import { SparseoutBitsProgram, SparseoutMaskProgram, SparseoutProgram } from './sparseout_gpu.js';
import { float16Limit, usePacked } from './texture_limit.js';

/**
 * The fused Sparseout forward kernel on the webgl backend (S2, S4), in WebGL2 shaders: the seeded
 * mask cells are drawn on the GPU by Philox4x32-10 (one block per 4 cells, S4.2), broadcast to
 * the full-size bool mask (S4.1), then y = x * (1 + n * g) (S2.3). An explicit mask is
 * broadcast instead. No mask crosses from the CPU on the seeded path, except on WebGL1: GLSL ES
 * 1.00 has no unsigned integers, so there core draws the cells (the same Philox stream, S4.4) and
 * they are uploaded as an explicit mask. Uses only the backend object it is given (no import of
 * tfjs-backend-webgl at run time).
 */
export function sparseout(args: {
  inputs: { x: TensorInfo; mask?: TensorInfo };
  backend: MathBackendWebGL;
  attrs: SparseoutAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const packed = usePacked(x.shape);
  const webgl1 = env().getNumber('WEBGL_VERSION') < 2;
  const cells =
    inputs.mask ?? (webgl1 ? backend.makeTensorInfo(attrs.noiseShape, 'bool', drawCells(attrs)) : undefined);
  let mask: TensorInfo;
  if (cells === undefined) {
    const { key, step, threshold } = philoxWords(attrs);
    const bitsProgram = new SparseoutBitsProgram(Math.ceil(sizeOf(attrs.noiseShape) / 4));
    const bits = backend.runWebGLProgram(bitsProgram, [], 'int32', [
      [...halves(key[0]), ...halves(key[1])],
      [...halves(step[0]), ...halves(step[1])],
      halves(threshold),
    ]);
    const groups = cellGroups(x.shape, attrs.noiseShape);
    const program = new SparseoutMaskProgram(x.shape, { groups }, packed);
    mask = backend.runWebGLProgram(program, [bits], 'bool');
    backend.disposeIntermediateTensorInfo(bits);
  } else {
    mask = backend.runWebGLProgram(
      new SparseoutMaskProgram(x.shape, { cellShape: cells.shape }),
      [cells],
      'bool',
    );
    if (inputs.mask === undefined) backend.disposeIntermediateTensorInfo(cells);
  }
  const program = new SparseoutProgram(x.shape, gainKind(attrs.q), float16Limit(), packed);
  const y = backend.runWebGLProgram(program, [x, mask], 'float32', [
    [keptNoise(attrs.rate)],
    [attrs.q],
    [attrs.epsilon],
  ]);
  return [y, mask];
}

export const sparseoutConfig: KernelConfig = {
  kernelName: Sparseout,
  backendName: 'webgl',
  kernelFunc: sparseout as unknown as KernelFunc,
};
