import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { type SparseoutAttrs, SparseoutGrad } from '../../kernel_names.js';
import { sparseoutGradImpl } from '../sparseout_impl.js';

/** The Sparseout backward kernel on the wasm backend (S3), on heap views, with no copies. */
export function sparseoutGrad(args: {
  inputs: { dy: TensorInfo; x: TensorInfo; mask: TensorInfo };
  backend: BackendWasm;
  attrs: SparseoutAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dxInfo = backend.makeOutput(inputs.dy.shape, 'float32');
  sparseoutGradImpl(
    backend.typedArrayFromHeap(inputs.dy) as Float32Array,
    backend.typedArrayFromHeap(inputs.x) as Float32Array,
    backend.typedArrayFromHeap(inputs.mask) as Uint8Array,
    attrs,
    backend.typedArrayFromHeap(dxInfo) as Float32Array,
  );
  return dxInfo;
}

export const sparseoutGradConfig: KernelConfig = {
  kernelName: SparseoutGrad,
  backendName: 'wasm',
  kernelFunc: sparseoutGrad as unknown as KernelFunc,
};
