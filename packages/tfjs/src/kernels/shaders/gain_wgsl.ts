import type { GainKind } from './gain_kind.js';

/**
 * S2.2 in WGSL, as g - 1 with g = (|x| + e)^((q - 2) / 2), for one form of q (gain_kind.ts): the
 * kernels compute 1 + n * g as (1 + n) + n * (g - 1), so a dropped unit (1 + n = 0) gets
 * -(g - 1) without the cancellation of 1 - g in float32 (q near 2 and large |x|, where g is within
 * 1e-3 of 1). The exact forms for q = 0, 1, 3, 4 cancel nothing (1 - a and a - 1 are exact near
 * a = 1); the general form is expm1 of t = ((q - 2) / 2) ln a, by its Taylor series to t^6 where
 * |t| < 0.1 (error below t^7 / 5040) and exp(t) - 1 beyond (cancellation at most 10x there).
 */
export function gainWgsl(kind: GainKind): string {
  const forms: Record<GainKind, string> = {
    q2: 'return 0.0;',
    q0: 'return (1.0 - a) / a;',
    q1: 'let s = sqrt(a);\n      return (1.0 - a) / (s * (1.0 + s));',
    q3: 'return (a - 1.0) / (sqrt(a) + 1.0);',
    q4: 'return a - 1.0;',
    pow: `let t = (0.5 * q - 1.0) * log(a);
      let series = t * (1.0 + t * (0.5 + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t / 720.0)))));
      return select(exp(t) - 1.0, series, abs(t) < 0.1);`,
  };
  return `
    fn sparseoutGainMinusOne(x : f32, q : f32, epsilon : f32) -> f32 {
      // NaN in, NaN out (S2.7), as core; pow and log of NaN are not NaN under every compiler.
      ${kind === 'q2' ? '' : 'if (isnan(x)) { return x; }'}
      let a = abs(x) + epsilon;
      ${forms[kind]}
    }
  `;
}
