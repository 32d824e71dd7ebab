import { gradientSlope } from '@sparseout/core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type SparseoutAttrs, SparseoutGrad } from '../../kernel_names.js';
import { gainKind } from '../shaders/gain_kind.js';
import { keptNoise } from '../shaders/uniforms.js';
import { SparseoutGradProgram } from './sparseout_grad_gpu.js';
import { float16Limit, usePacked } from './texture_limit.js';

/** The Sparseout backward kernel on the webgl backend (S3): dx from dy, x and the forward mask. */
export function sparseoutGrad(args: {
  inputs: { dy: TensorInfo; x: TensorInfo; mask: TensorInfo };
  backend: MathBackendWebGL;
  attrs: SparseoutAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { shape } = inputs.dy;
  const program = new SparseoutGradProgram(shape, gainKind(attrs.q), float16Limit(), usePacked(shape));
  return backend.runWebGLProgram(program, [inputs.dy, inputs.x, inputs.mask], 'float32', [
    [keptNoise(attrs.rate)],
    [attrs.q],
    [attrs.epsilon],
    [gradientSlope(attrs.gradient, attrs.q)],
  ]);
}

export const sparseoutGradConfig: KernelConfig = {
  kernelName: SparseoutGrad,
  backendName: 'webgl',
  kernelFunc: sparseoutGrad as unknown as KernelFunc,
};
