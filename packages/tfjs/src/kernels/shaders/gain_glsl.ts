/**
 * S2.2 in GLSL: g = (|x| + e)^((q - 2) / 2), with the exact forms for q = 0, 1, 2, 3, 4 that
 * core's kernels use. Computed in the shader's highp float whatever the texture precision, so an
 * epsilon of 1e-12 never underflows here (it would in a float16 texture).
 */
export const GAIN_GLSL = `
float sparseoutGain(float x, float q, float epsilon) {
  float a = abs(x) + epsilon;
  if (q == 2.0) return 1.0;
  if (q == 1.0) return 1.0 / sqrt(a);
  if (q == 0.0) return 1.0 / a;
  if (q == 3.0) return sqrt(a);
  if (q == 4.0) return a;
  return pow(a, 0.5 * q - 1.0);
}
`;
