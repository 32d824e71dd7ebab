/**
 * GLSL shared by the elementwise programs (SparseoutProgram, SparseoutGradProgram), which compute
 * each output element by a function `fn` of the same element of every input (`variableNames`).
 */

/**
 * `main`: setOutput(fn(inputs)) per element; `packed` reads and writes tfjs's packed textures,
 * four elements per texel, applying `fn` to each component.
 */
export function elementwiseMainGlsl(
  fn: string,
  variableNames: ReadonlyArray<string>,
  packed: boolean,
): string {
  const reads = variableNames.map((name) => `get${name}AtOutCoords()`);
  if (!packed) return `void main() {\n      setOutput(${fn}(${reads.join(', ')}));\n    }`;
  const texels = reads.map((read, i) => `vec4 t${i} = ${read};`).join('\n      ');
  const calls = ['x', 'y', 'z', 'w'].map(
    (c) => `${fn}(${variableNames.map((_, i) => `t${i}.${c}`).join(', ')})`,
  );
  return `void main() {\n      ${texels}\n      setOutput(vec4(${calls.join(', ')}));\n    }`;
}

/**
 * With float16 textures (`limit` 65504, texture_limit.ts) a finite `variable` is clamped to the
 * largest float16, so the texture never stores an Infinity a finite float32 result would not have.
 */
export function clampGlsl(variable: string, limit: number | undefined): string {
  if (limit === undefined) return '';
  return `if (!isnan(${variable})) ${variable} = clamp(${variable}, -${limit.toFixed(1)}, ${limit.toFixed(1)});`;
}
