import { gradientSlope } from '@sparseout/core';
import {
  engine,
  type GradConfig,
  getGradient,
  mul,
  registerGradient,
  type Tensor,
  zeros,
} from '@tensorflow/tfjs-core';
import { noiseOf } from '../composite.js';
import { type SparseoutAttrs, SparseoutGrad } from '../kernel_names.js';
import { backwardXGradient } from './gain_derivative.js';

/**
 * The gradient of the SparseoutGrad kernel, so a gradient of a gradient works through the fused
 * kernels as it does through tf.dropout and the composite path (a gradient penalty, double
 * backpropagation). S3's dx = dy * c(x) with c = 1 + n * s * g(x) (s = 1 for 'reference', q / 2
 * for 'exact'; n from the mask, S2.1; g from S2.2), the mask held fixed:
 * - d/d(dy): ddx * c(x), which is the SparseoutGrad kernel again (fused on every backend);
 * - d/dx: ddx * dy * n * s * g'(x) (gain_derivative.ts: 0 at x = 0, the kink of |x|).
 * Made of differentiable tf ops and the kernel, so higher orders work too.
 */
export const sparseoutGradGradConfig: GradConfig = {
  kernelName: SparseoutGrad,
  inputsToSave: ['dy', 'x', 'mask'],
  gradFunc: (ddx, saved, attrs) => {
    const ddxTensor = (Array.isArray(ddx) ? ddx[0] : ddx) as Tensor;
    const [dy, x, mask] = saved;
    const resolved = attrs as unknown as SparseoutAttrs;
    const { rate, q, epsilon } = resolved;
    const slope = gradientSlope(resolved.gradient, resolved.q);
    return {
      dy: () => engine().runKernel(SparseoutGrad, { dy: ddxTensor, x, mask }, attrs) as Tensor,
      x: () => backwardXGradient(ddxTensor, dy, mul(noiseOf(mask, rate), slope), x, q, epsilon),
      mask: () => zeros(mask.shape),
    };
  },
};

/** Registers the gradient once (a second bundle copy of this package skips it). */
export function registerSparseoutGradGradient(): void {
  if (!getGradient(SparseoutGrad)) registerGradient(sparseoutGradGradConfig);
}
