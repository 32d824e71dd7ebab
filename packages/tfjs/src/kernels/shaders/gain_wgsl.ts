/** S2.2 in WGSL: g = (|x| + e)^((q - 2) / 2), with the exact forms for q = 0, 1, 2, 3, 4 (as core). */
export const GAIN_WGSL = `
fn sparseoutGain(x : f32, q : f32, epsilon : f32) -> f32 {
  let a = abs(x) + epsilon;
  if (q == 2.0) { return 1.0; }
  if (q == 1.0) { return 1.0 / sqrt(a); }
  if (q == 0.0) { return 1.0 / a; }
  if (q == 3.0) { return sqrt(a); }
  if (q == 4.0) { return a; }
  return pow(a, 0.5 * q - 1.0);
}
`;
