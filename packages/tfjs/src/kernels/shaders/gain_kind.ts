/**
 * Which form of g - 1 (S2.2) a shader compiles: q = 2 (g = 1), the exact forms for q = 0, 1, 3, 4,
 * or the general power. One shader per form, not one shader branching on a uniform q: SwiftShader
 * (a CPU implementation of a GPU) runs every branch of a shader with lane masks, so a branching
 * shader paid for log, exp and four square roots and divisions on every element (36 ms against
 * tfjs's 9 ms mul for 2^20 elements on webgpu in headless Chromium; 26 ms with one form).
 */
export type GainKind = 'q2' | 'q0' | 'q1' | 'q3' | 'q4' | 'pow';

export function gainKind(q: number): GainKind {
  if (q === 2 || q === 0 || q === 1 || q === 3 || q === 4) return `q${q}` as GainKind;
  return 'pow';
}
