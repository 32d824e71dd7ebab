import {
  broadcastTo,
  engine,
  getBackend,
  getKernel,
  type NamedTensorMap,
  type Tensor,
  tensor,
} from '@tensorflow/tfjs-core';
import { sparseoutComposite } from './composite.js';
import { Sparseout, type SparseoutAttrs } from './kernel_names.js';
import { drawCells } from './kernels/kernel_mask.js';

/** The two outputs of a Sparseout pass: y and the full-size keep-mask it used (bool, 1 = kept). */
export type SparseoutOutputs = {
  y: Tensor;
  mask: Tensor;
};

/** Whether the backend has a fused Sparseout kernel (cpu, wasm, webgl and webgpu do; others use the composite). */
export function hasFusedKernel(backendName: string = getBackend()): boolean {
  return Boolean(getKernel(Sparseout, backendName));
}

/**
 * Runs Sparseout on validated attributes: the fused kernel when the active backend has one, else
 * the composite of tf ops with the mask cells drawn by core's Philox (S4.2), so a seed gives the
 * same mask on every backend (S4.4). `cells` is an explicit bool mask in the noise shape.
 * `composite` forces the composite path (used to test it on cpu). Call inside a tidy.
 */
export function runSparseout(
  x: Tensor,
  cells: Tensor | undefined,
  attrs: SparseoutAttrs,
  composite = !hasFusedKernel(),
): SparseoutOutputs {
  if (!composite) {
    const inputs: NamedTensorMap = cells === undefined ? { x } : { x, mask: cells };
    const [y, mask] = engine().runKernel(Sparseout, inputs, attrs as never) as Tensor[];
    return { y, mask };
  }
  const maskCells = cells ?? tensor(drawCells(attrs), attrs.noiseShape, 'bool');
  return { y: sparseoutComposite(x, maskCells, attrs), mask: broadcastTo(maskCells, x.shape) };
}
