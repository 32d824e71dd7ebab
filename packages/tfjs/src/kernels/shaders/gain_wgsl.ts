/**
 * S2.2 in WGSL, as g - 1 with g = (|x| + e)^((q - 2) / 2): the kernels compute the factor
 * 1 + n * g as (1 + n) + n * (g - 1), so a dropped unit (1 + n = 0) gets -(g - 1) without the
 * cancellation of 1 - g in float32 (q near 2 and large |x|: g is within 1e-3 of 1 there).
 * Exact forms for q = 0..4 (1 - a and a - 1 are exact near a = 1); otherwise expm1 of
 * t = ((q - 2) / 2) ln a, by its Taylor series to t^6 where |t| < 0.1 (error below t^7 / 5040)
 * and exp(t) - 1 beyond (no cancellation worse than 10x there).
 */
export const GAIN_WGSL = `
fn sparseoutGainMinusOne(x : f32, q : f32, epsilon : f32) -> f32 {
  if (q == 2.0) { return 0.0; }
  // NaN in, NaN out (S2.7), as core; pow and log of NaN are not NaN under every shader compiler.
  if (isnan(x)) { return x; }
  let a = abs(x) + epsilon;
  if (q == 0.0) { return (1.0 - a) / a; }
  if (q == 1.0) { let s = sqrt(a); return (1.0 - a) / (s * (1.0 + s)); }
  if (q == 3.0) { return (a - 1.0) / (sqrt(a) + 1.0); }
  if (q == 4.0) { return a - 1.0; }
  let t = (0.5 * q - 1.0) * log(a);
  if (abs(t) < 0.1) {
    return t * (1.0 + t * (0.5 + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t / 720.0)))));
  }
  return exp(t) - 1.0;
}
`;
