import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type SparseoutAttrs, SparseoutGrad } from '../../kernel_names.js';
import { sparseoutGradImpl } from '../sparseout_impl.js';

/** The Sparseout backward kernel on the cpu backend (S3): dx from dy, x and the forward mask. */
export function sparseoutGrad(args: {
  inputs: { dy: TensorInfo; x: TensorInfo; mask: TensorInfo };
  backend: MathBackendCPU;
  attrs: SparseoutAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const values = (info: TensorInfo) => backend.data.get(info.dataId).values;
  const dy = values(inputs.dy) as Float32Array;
  const dx = new Float32Array(dy.length);
  sparseoutGradImpl(dy, values(inputs.x) as Float32Array, values(inputs.mask) as Uint8Array, attrs, dx);
  return backend.makeTensorInfo(inputs.dy.shape, 'float32', dx);
}

export const sparseoutGradConfig: KernelConfig = {
  kernelName: SparseoutGrad,
  backendName: 'cpu',
  kernelFunc: sparseoutGrad as unknown as KernelFunc,
};
