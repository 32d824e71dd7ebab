import { type GainKind, gainForms, type ShaderDialect } from './gain_kind.js';

const DIALECT: ShaderDialect = { local: 'float', choose: (c, t, f) => `${c} ? ${t} : ${f}` };

/**
 * S2.2 in GLSL, as g - 1 with g = (|x| + e)^((q - 2) / 2), for one form of q (gain_kind.ts): the
 * kernels compute 1 + n * g as (1 + n) + n * (g - 1), so a dropped unit (1 + n = 0) gets
 * -(g - 1) without the cancellation of 1 - g in float32 (q near 2 and large |x|, where g is within
 * 1e-3 of 1). gain_wgsl.ts is the same function in WGSL and says how each form avoids
 * cancellation. Computed in the shader's highp float whatever the texture precision, so an
 * epsilon of 1e-12 never underflows here (it would in a float16 texture).
 */
export function gainGlsl(kind: GainKind): string {
  return `
    float sparseoutGainMinusOne(float x, float q, float epsilon) {
      // NaN in, NaN out (S2.7), as core; pow and log of NaN are not NaN under every compiler.
      if (${kind === 'q2' ? 'false' : 'isnan(x)'}) return x;
      float a = abs(x) + epsilon;
      ${gainForms(DIALECT)[kind]}
    }
  `;
}
