import {
  engine,
  type GradConfig,
  getGradient,
  registerGradient,
  type Tensor,
  zeros,
} from '@tensorflow/tfjs-core';
import { Sparseout, type SparseoutAttrs, SparseoutGrad } from '../kernel_names.js';

/**
 * S3: the gradient of the Sparseout kernel. Saves x and the kernel's mask output, and runs the
 * SparseoutGrad kernel: 'reference' dx = dy * (1 + n * g) (S3.1, the default) or 'exact'
 * dx = dy * (1 + n * (q / 2) * g) (S3.2), as the op's `gradient` attribute says. An explicit mask
 * input gets a zero gradient (it is not differentiable).
 */
export const sparseoutGradConfig: GradConfig = {
  kernelName: Sparseout,
  inputsToSave: ['x'],
  outputsToSave: [false, true],
  gradFunc: (dys, saved, attrs) => {
    const dy = Array.isArray(dys) ? dys[0] : dys;
    const [x, mask] = saved;
    const { noiseShape } = attrs as unknown as SparseoutAttrs;
    return {
      x: () => engine().runKernel(SparseoutGrad, { dy, x, mask }, attrs) as Tensor,
      mask: () => zeros(noiseShape),
    };
  },
};

/** Registers the gradient once (a second bundle copy of this package skips it). */
export function registerSparseoutGradient(): void {
  if (!getGradient(Sparseout)) registerGradient(sparseoutGradConfig);
}
