/**
 * S2.2 in GLSL, as g - 1 with g = (|x| + e)^((q - 2) / 2): the kernels compute the factor
 * 1 + n * g as (1 + n) + n * (g - 1), so a dropped unit (1 + n = 0) gets -(g - 1) without the
 * cancellation of 1 - g in float32 (q near 2 and large |x|: g is within 1e-3 of 1 there). The
 * same function as gain_wgsl.ts, whose comment says how g - 1 is computed.
 * Computed in the shader's highp float whatever the texture precision, so an epsilon of 1e-12
 * never underflows here (it would in a float16 texture).
 */
export const GAIN_GLSL = `
float sparseoutGainMinusOne(float x, float q, float epsilon) {
  if (q == 2.0) return 0.0;
  // NaN in, NaN out (S2.7), as core; pow and log of NaN are not NaN under every shader compiler.
  if (isnan(x)) return x;
  float a = abs(x) + epsilon;
  if (q == 0.0) return (1.0 - a) / a;
  if (q == 1.0) { float s = sqrt(a); return (1.0 - a) / (s * (1.0 + s)); }
  if (q == 3.0) return (a - 1.0) / (sqrt(a) + 1.0);
  if (q == 4.0) return a - 1.0;
  float t = (0.5 * q - 1.0) * log(a);
  if (abs(t) < 0.1) {
    return t * (1.0 + t * (0.5 + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t / 720.0)))));
  }
  return exp(t) - 1.0;
}
`;
