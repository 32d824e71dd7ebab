import { hoyerSparsity as coreHoyerSparsity } from '@sparseout/core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * S7.1: the Hoyer sparsity of a tensor's values, (sqrt(n) - L1/L2) / (sqrt(n) - 1) in [0, 1],
 * computed by @sparseout/core on the downloaded values. Does not dispose `x`.
 */
export async function hoyerSparsity(x: Tensor): Promise<number> {
  return coreHoyerSparsity((await x.data()) as Float32Array);
}
