import { gradientSlope } from '@sparseout/core';
import {
  abs,
  add,
  cast,
  customGrad,
  type GradSaveFunc,
  mul,
  pow,
  sub,
  type Tensor,
  tidy,
} from '@tensorflow/tfjs-core';
import { backwardXGradient } from './gradients/gain_derivative.js';
import type { SparseoutAttrs } from './kernel_names.js';

/** S2.1: n = m / (1 - r) - 1 as keep * r / (1 - r) + (keep - 1), so both values are exact. */
export function noiseOf(cells: Tensor, rate: number): Tensor {
  const keep = cast(cells, 'float32');
  return add(mul(keep, rate / (1 - rate)), sub(keep, 1));
}

/** S2.2: g = (|x| + e)^((q - 2) / 2). */
function gainOf(x: Tensor, q: number, epsilon: number): Tensor {
  return pow(add(abs(x), epsilon), (q - 2) / 2);
}

/**
 * The scope the composite's custom gradient runs in. tfjs records a `customGrad` under the name of
 * the innermost scope and uses a gradient registered under that name instead of the custom one:
 * the scope must never be a kernel name ('Sparseout' made grad and fit crash off cpu and wasm).
 */
export const COMPOSITE_SCOPE = 'SparseoutComposite';

/** The scope of the composite's backward pass, named by the same rule (never a kernel name). */
const BACKWARD_SCOPE = 'SparseoutCompositeBackward';

/**
 * S3's dx = dy * c(x), c = 1 + n * s * g(x) (s = 1, or q / 2 for 'exact'), with a custom gradient
 * of its own, so a gradient of a gradient is the same here as through the fused kernels'
 * SparseoutGrad gradient: d/d(dy) = ddx * c(x) (this function again, for every order), d/dx =
 * ddx * dy * n * s * g'(x), 0 at x = 0 (tfjs differentiating |x| would put about 1e14 there).
 */
function backward(dy: Tensor, x: Tensor, noise: Tensor, attrs: SparseoutAttrs): Tensor {
  const { q, epsilon } = attrs;
  const slope = gradientSlope(attrs.gradient, attrs.q);
  const apply = customGrad(((dyIn: Tensor, xIn: Tensor, save: GradSaveFunc) => {
    save([dyIn, xIn]);
    return {
      value: mul(dyIn, add(1, mul(mul(noise, slope), gainOf(xIn, q, epsilon)))),
      gradFunc: (ddx: Tensor, saved: Tensor[]) => {
        const [dySaved, xSaved] = saved;
        return [
          backward(ddx, xSaved, noise, attrs),
          backwardXGradient(ddx, dySaved, mul(noise, slope), xSaved, q, epsilon),
        ];
      },
    };
  }) as unknown as Parameters<typeof customGrad>[0]);
  return tidy(BACKWARD_SCOPE, () => apply(dy, x) as Tensor);
}

/**
 * Sparseout as a composite of tf ops, for backends without a fused kernel (webgl, webgpu, ...):
 * y = x * (1 + n * g) (S2.3) with the mask cells broadcast over x (S4.1), and a custom gradient
 * that is S3.1 or S3.2, not the autodiff of the formula (itself differentiable: `backward`). Same
 * statistics as the fused kernels (S5); with the same cells, the same values up to float32
 * rounding of the power.
 */
export function sparseoutComposite(x: Tensor, cells: Tensor, attrs: SparseoutAttrs): Tensor {
  const { rate, q, epsilon } = attrs;
  const apply = customGrad(((input: Tensor, save: GradSaveFunc) => {
    const noise = noiseOf(cells, rate);
    save([input, noise]);
    return {
      value: mul(input, add(1, mul(noise, gainOf(input, q, epsilon)))),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xSaved, noiseSaved] = saved;
        return backward(dy, xSaved, noiseSaved, attrs);
      },
    };
  }) as unknown as Parameters<typeof customGrad>[0]);
  return tidy(COMPOSITE_SCOPE, () => apply(x) as Tensor);
}
