import { abs, add, mul, neg, pow, step, sub, type Tensor } from '@tensorflow/tfjs-core';

/**
 * g'(x) for S2.2's g = (|x| + e)^((q - 2) / 2): ((q - 2) / 2) (|x| + e)^((q - 4) / 2) sign(x), and
 * 0 at x = 0 (the kink of |x|; tfjs's Abs gradient would say -1 there, which made a gradient of a
 * gradient about 1e14 at every zero a ReLU leaves). The x-term of the second order of S3's
 * dx = dy * c(x), shared by the fused kernels' SparseoutGrad gradient and the composite path.
 * The sign comes from tf.step, which has a gradient (0), so higher orders work; not tf.sign
 * (tfjs-backend-wasm's gives 0 for |x| below about 1e-6), tf.less (no gradient) or tf.where
 * (the GPU backends' stops at rank 4). At x = 0 the base is moved to 1 + e, so a power that would
 * overflow there (a tiny e, q < 2) gives 0, not NaN.
 */
export function gainDerivative(x: Tensor, q: number, epsilon: number): Tensor {
  const p = (q - 2) / 2;
  const positive = step(x, 0);
  const negative = step(neg(x), 0);
  const zero = sub(1, add(positive, negative));
  const base = add(add(abs(x), epsilon), zero);
  return mul(mul(pow(base, p - 1), sub(positive, negative)), p);
}

/**
 * ddx times the x-derivative of S3's dx = dy * c(x), c = 1 + n * s * g(x): ddx * dy * n * s * g'(x)
 * (`noiseSlope` is n * s), the term both second-order paths (the SparseoutGrad gradient and the
 * composite's backward) add to the dy-term.
 */
export function backwardXGradient(
  ddx: Tensor,
  dy: Tensor,
  noiseSlope: Tensor,
  x: Tensor,
  q: number,
  epsilon: number,
): Tensor {
  return mul(mul(ddx, dy), mul(noiseSlope, gainDerivative(x, q, epsilon)));
}
