import { gradientSlope } from '@sparseout/core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type SparseoutAttrs, SparseoutGrad } from '../../kernel_names.js';
import { gainKind } from '../shaders/gain_kind.js';
import { keptNoise } from '../shaders/uniforms.js';
import { SparseoutGradProgram } from './sparseout_grad_webgpu.js';

/** The Sparseout backward kernel on the webgpu backend (S3): dx from dy, x and the forward mask. */
export function sparseoutGrad(args: {
  inputs: { dy: TensorInfo; x: TensorInfo; mask: TensorInfo };
  backend: WebGPUBackend;
  attrs: SparseoutAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  return backend.runWebGPUProgram(
    new SparseoutGradProgram(inputs.dy.shape, gainKind(attrs.q)),
    [inputs.dy, inputs.x, inputs.mask],
    'float32',
    [
      { type: 'float32', data: [keptNoise(attrs.rate)] },
      { type: 'float32', data: [attrs.q] },
      { type: 'float32', data: [attrs.epsilon] },
      { type: 'float32', data: [gradientSlope(attrs.gradient, attrs.q)] },
    ],
  );
}

export const sparseoutGradConfig: KernelConfig = {
  kernelName: SparseoutGrad,
  backendName: 'webgpu',
  kernelFunc: sparseoutGrad as unknown as KernelFunc,
};
