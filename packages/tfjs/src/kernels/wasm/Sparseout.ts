import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { Sparseout, type SparseoutAttrs } from '../../kernel_names.js';
import { sparseoutImpl } from '../sparseout_impl.js';

/**
 * The fused Sparseout forward kernel on the wasm backend (S2, S4): allocates y and the keep-mask
 * on the wasm heap, then runs core's kernels directly on heap views of x, y and the mask, with no
 * copies. Views are taken after every allocation, since an allocation may grow the heap.
 */
export function sparseout(args: {
  inputs: { x: TensorInfo; mask?: TensorInfo };
  backend: BackendWasm;
  attrs: SparseoutAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, mask: cellsInfo } = inputs;
  const yInfo = backend.makeOutput(x.shape, 'float32');
  const maskInfo = backend.makeOutput(x.shape, 'bool');
  const cells = cellsInfo === undefined ? undefined : (backend.typedArrayFromHeap(cellsInfo) as Uint8Array);
  sparseoutImpl(
    backend.typedArrayFromHeap(x) as Float32Array,
    x.shape,
    attrs,
    cells,
    backend.typedArrayFromHeap(yInfo) as Float32Array,
    backend.typedArrayFromHeap(maskInfo) as Uint8Array,
  );
  return [yInfo, maskInfo];
}

export const sparseoutConfig: KernelConfig = {
  kernelName: Sparseout,
  backendName: 'wasm',
  kernelFunc: sparseout as unknown as KernelFunc,
};
