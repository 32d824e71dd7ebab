import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { Sparseout, type SparseoutAttrs } from '../../kernel_names.js';
import { sparseoutImpl } from '../sparseout_impl.js';

/**
 * The fused Sparseout forward kernel on the cpu backend (S2, S4): reads x from the backend's own
 * storage, writes y and the full-size keep-mask (bool, one byte per element) into new arrays.
 */
export function sparseout(args: {
  inputs: { x: TensorInfo; mask?: TensorInfo };
  backend: MathBackendCPU;
  attrs: SparseoutAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, mask: cellsInfo } = inputs;
  const xValues = backend.data.get(x.dataId).values as Float32Array;
  const cells =
    cellsInfo === undefined ? undefined : (backend.data.get(cellsInfo.dataId).values as Uint8Array);
  const y = new Float32Array(xValues.length);
  const mask = new Uint8Array(xValues.length);
  sparseoutImpl(xValues, x.shape, attrs, cells, y, mask);
  return [backend.makeTensorInfo(x.shape, 'float32', y), backend.makeTensorInfo(x.shape, 'bool', mask)];
}

export const sparseoutConfig: KernelConfig = {
  kernelName: Sparseout,
  backendName: 'cpu',
  kernelFunc: sparseout as unknown as KernelFunc,
};
