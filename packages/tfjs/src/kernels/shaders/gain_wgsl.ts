import { type GainKind, gainForms, type ShaderDialect } from './gain_kind.js';

const DIALECT: ShaderDialect = { local: 'let', choose: (c, t, f) => `select(${f}, ${t}, ${c})` };

/**
 * S2.2 in WGSL, as g - 1 with g = (|x| + e)^((q - 2) / 2), for one form of q (gain_kind.ts): the
 * kernels compute 1 + n * g as (1 + n) + n * (g - 1), so a dropped unit (1 + n = 0) gets
 * -(g - 1) without the cancellation of 1 - g in float32 (q near 2 and large |x|, where g is within
 * 1e-3 of 1). The exact forms for q = 0, 1, 3, 4 cancel nothing (1 - a and a - 1 are exact near
 * a = 1); the general form is expm1 of t = ((q - 2) / 2) ln a, by its Taylor series to t^6 where
 * |t| < 0.1 (error below t^7 / 5040) and exp(t) - 1 beyond (cancellation at most 10x there).
 */
export function gainWgsl(kind: GainKind): string {
  return `
    fn sparseoutGainMinusOne(x : f32, q : f32, epsilon : f32) -> f32 {
      // NaN in, NaN out (S2.7), as core; pow and log of NaN are not NaN under every compiler.
      ${kind === 'q2' ? '' : 'if (isnan(x)) { return x; }'}
      let a = abs(x) + epsilon;
      ${gainForms(DIALECT)[kind]}
    }
  `;
}
