import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { Sparseout, type SparseoutAttrs } from '../../kernel_names.js';
import { sizeOf } from '../../noise_shape.js';
import { cellGroups } from '../shaders/cell_index.js';
import { gainKind } from '../shaders/gain_kind.js';
import { keptNoise, philoxWords } from '../shaders/uniforms.js';
import {
  SparseoutBitsProgram,
  SparseoutMaskProgram,
  SparseoutPhiloxMaskProgram,
  SparseoutProgram,
} from './sparseout_webgpu.js';

type ProgramUniform = NonNullable<Parameters<WebGPUBackend['runWebGPUProgram']>[3]>;

/** The uniforms of the Philox programs (S4.2): key, step and keep threshold as uint32 words. */
function philoxUniforms(attrs: SparseoutAttrs): ProgramUniform {
  const { key, step, threshold } = philoxWords(attrs);
  return [
    { type: 'uint32', data: key },
    { type: 'uint32', data: step },
    { type: 'uint32', data: [threshold] },
  ];
}

/**
 * The fused Sparseout forward kernel on the webgpu backend (S2, S4), in WGSL compute shaders: the
 * seeded mask cells are drawn on the GPU by Philox4x32-10 (one block per 4 cells, S4.2), straight
 * into the full-size bool mask, or broadcast to it from a noise shape (S4.1), then
 * y = x * (1 + n * g) (S2.3). An explicit mask is broadcast instead. No mask crosses from the CPU
 * on the seeded path. Uses only the backend object it is given (no import of tfjs-backend-webgpu
 * at run time).
 */
export function sparseout(args: {
  inputs: { x: TensorInfo; mask?: TensorInfo };
  backend: WebGPUBackend;
  attrs: SparseoutAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, mask: cells } = inputs;
  const groups = cellGroups(x.shape, cells?.shape ?? attrs.noiseShape);
  let mask: TensorInfo;
  if (cells === undefined && groups.length === 0) {
    mask = backend.runWebGPUProgram(
      new SparseoutPhiloxMaskProgram(x.shape),
      [],
      'bool',
      philoxUniforms(attrs),
    );
  } else if (cells === undefined) {
    const bitsProgram = new SparseoutBitsProgram(Math.ceil(sizeOf(attrs.noiseShape) / 4));
    const bits = backend.runWebGPUProgram(bitsProgram, [], 'int32', philoxUniforms(attrs));
    mask = backend.runWebGPUProgram(new SparseoutMaskProgram(x.shape, groups, 'bits'), [bits], 'bool');
    backend.disposeData(bits.dataId);
  } else {
    mask = backend.runWebGPUProgram(new SparseoutMaskProgram(x.shape, groups, 'cells'), [cells], 'bool');
  }
  const y = backend.runWebGPUProgram(new SparseoutProgram(x.shape, gainKind(attrs.q)), [x, mask], 'float32', [
    { type: 'float32', data: [keptNoise(attrs.rate)] },
    { type: 'float32', data: [attrs.q] },
    { type: 'float32', data: [attrs.epsilon] },
  ]);
  return [y, mask];
}

export const sparseoutConfig: KernelConfig = {
  kernelName: Sparseout,
  backendName: 'webgpu',
  kernelFunc: sparseout as unknown as KernelFunc,
};
