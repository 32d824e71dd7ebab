import type { SparseoutAttrs } from './kernel_names.js';

/** S3: the slope s of dx = dy * (1 + n * s * g): 1 for 'reference' (S3.1), q / 2 for 'exact' (S3.2). */
export function gradientSlope({ gradient, q }: Pick<SparseoutAttrs, 'gradient' | 'q'>): number {
  return gradient === 'exact' ? q / 2 : 1;
}
