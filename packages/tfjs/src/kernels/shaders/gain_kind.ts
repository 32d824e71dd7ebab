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

/** How a shader language declares a local and picks one of two values (GLSL or WGSL). */
export interface ShaderDialect {
  local: string;
  choose: (condition: string, ifTrue: string, ifFalse: string) => string;
}

/**
 * The body of g - 1 for each form, given `a = |x| + e` and `q`, in `dialect`: one source for the
 * GLSL (gain_glsl.ts) and WGSL (gain_wgsl.ts) functions, which differ only in declarations.
 */
export function gainForms({ local, choose }: ShaderDialect): Record<GainKind, string> {
  return {
    q2: 'return 0.0;',
    q0: 'return (1.0 - a) / a;',
    q1: `${local} s = sqrt(a);\n      return (1.0 - a) / (s * (1.0 + s));`,
    q3: 'return (a - 1.0) / (sqrt(a) + 1.0);',
    q4: 'return a - 1.0;',
    pow: `${local} t = (0.5 * q - 1.0) * log(a);
      ${local} series = t * (1.0 + t * (0.5 + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t / 720.0)))));
      return ${choose('abs(t) < 0.1', 'series', 'exp(t) - 1.0')};`,
  };
}
