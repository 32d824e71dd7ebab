import {
  abs,
  add,
  cast,
  engine,
  equal,
  type GradConfig,
  getGradient,
  greater,
  less,
  mul,
  pow,
  registerGradient,
  sub,
  type Tensor,
  zeros,
} from '@tensorflow/tfjs-core';
import { type SparseoutAttrs, SparseoutGrad } from '../kernel_names.js';

/**
 * The gradient of the SparseoutGrad kernel, so a gradient of a gradient works through the fused
 * kernels as it does through tf.dropout and the composite path (a gradient penalty, double
 * backpropagation). S3's dx = dy * c(x) with c = 1 + n * s * g(x) (s = 1 for 'reference', q / 2
 * for 'exact'; n from the mask, S2.1; g from S2.2), the mask held fixed:
 * - d/d(dy): ddx * c(x), which is the SparseoutGrad kernel again (fused on every backend);
 * - d/dx: ddx * dy * n * s * g'(x), g'(x) = ((q - 2) / 2) (|x| + e)^((q - 4) / 2) sign(x), 0 at
 *   x = 0 (the kink of |x|), so finite wherever x is (S3.4).
 * Made of differentiable tf ops and the kernel, so higher orders work too.
 */
export const sparseoutGradGradConfig: GradConfig = {
  kernelName: SparseoutGrad,
  inputsToSave: ['dy', 'x', 'mask'],
  gradFunc: (ddx, saved, attrs) => {
    const ddxTensor = (Array.isArray(ddx) ? ddx[0] : ddx) as Tensor;
    const [dy, x, mask] = saved;
    const { rate, q, epsilon, gradient } = attrs as unknown as SparseoutAttrs;
    const slope = gradient === 'exact' ? q / 2 : 1;
    const p = (q - 2) / 2;
    return {
      dy: () => engine().runKernel(SparseoutGrad, { dy: ddxTensor, x, mask }, attrs) as Tensor,
      x: () => {
        // n * s * p: r / (1 - r) * s * p where the mask keeps x, -s * p where it drops it.
        const dropped = -slope * p;
        const kept = (rate / (1 - rate)) * slope * p;
        const scale = add(mul(cast(mask, 'float32'), kept - dropped), dropped);
        // sign(x) by comparisons: tfjs-backend-wasm's Sign gives 0 for |x| below about 1e-6, and
        // the GPU backends' Where stops at rank 4. At x = 0 the sign is 0 and the base is moved
        // to 1 + e, so a power that would overflow there (a tiny e, q < 2) gives 0, not NaN.
        const zero = cast(equal(x, 0), 'float32');
        const signOfX = sub(cast(greater(x, 0), 'float32'), cast(less(x, 0), 'float32'));
        const gainSlope = mul(pow(add(add(abs(x), epsilon), zero), p - 1), signOfX);
        return mul(mul(ddxTensor, dy), mul(scale, gainSlope));
      },
      mask: () => zeros(mask.shape),
    };
  },
};

/** Registers the gradient once (a second bundle copy of this package skips it). */
export function registerSparseoutGradGradient(): void {
  if (!getGradient(SparseoutGrad)) registerGradient(sparseoutGradGradConfig);
}
