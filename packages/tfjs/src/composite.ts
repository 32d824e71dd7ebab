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
import type { SparseoutAttrs } from './kernel_names.js';

/** S2.1: n = m / (1 - r) - 1 as keep * r / (1 - r) + (keep - 1), so both values are exact. */
function noiseOf(cells: Tensor, rate: number): Tensor {
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

/**
 * Sparseout as a composite of tf ops, for backends without a fused kernel (webgl, webgpu, ...):
 * y = x * (1 + n * g) (S2.3) with the mask cells broadcast over x (S4.1), and a custom gradient
 * that is S3.1 or S3.2, not the autodiff of the formula. Same statistics as the fused kernels
 * (S5); with the same cells, the same values up to float32 rounding of the power.
 */
export function sparseoutComposite(x: Tensor, cells: Tensor, attrs: SparseoutAttrs): Tensor {
  const { rate, q, epsilon } = attrs;
  const slope = attrs.gradient === 'exact' ? q / 2 : 1;
  const apply = customGrad(((input: Tensor, save: GradSaveFunc) => {
    const noise = noiseOf(cells, rate);
    save([input, noise]);
    return {
      value: mul(input, add(1, mul(noise, gainOf(input, q, epsilon)))),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xSaved, noiseSaved] = saved;
        return mul(dy, add(1, mul(mul(noiseSaved, slope), gainOf(xSaved, q, epsilon))));
      },
    };
  }) as unknown as Parameters<typeof customGrad>[0]);
  return tidy(COMPOSITE_SCOPE, () => apply(x) as Tensor);
}
