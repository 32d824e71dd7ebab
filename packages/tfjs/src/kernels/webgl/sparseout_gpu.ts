import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { type CellGroup, cellIndexCode } from '../shaders/cell_index.js';
import { gainGlsl } from '../shaders/gain_glsl.js';
import type { GainKind } from '../shaders/gain_kind.js';
import { PHILOX_GLSL } from '../shaders/philox_glsl.js';
import { clampGlsl, elementwiseMainGlsl } from './elementwise_glsl.js';

const COMPONENTS = ['x', 'y', 'z', 'w', 'u', 'v'];

/** GLSL expressions of the output coordinates, after `${coordsGlsl(shape)}` declares them. */
function coordTerms(shape: ReadonlyArray<number>): string[] {
  if (shape.length === 0) return [];
  if (shape.length === 1) return ['coords'];
  return shape.map((_, d) => `coords.${COMPONENTS[d]}`);
}

/** GLSL: declares `coords` (the output coordinates) and `index`, their flat row-major index. */
export function outputIndexGlsl(shape: ReadonlyArray<number>): string {
  if (shape.length === 0) return 'int index = 0;';
  const type = shape.length === 1 ? 'int' : `ivec${shape.length}`;
  const terms = coordTerms(shape).map((term, d) => {
    const stride = shape.slice(d + 1).reduce((p, s) => p * s, 1);
    return stride === 1 ? term : `${term} * ${stride}`;
  });
  return `${type} coords = getOutputCoords();\n      int index = ${terms.join(' + ')};`;
}

/** GLSL arguments of `getCells(...)`: x's coordinates, 0 where the noise shape is 1 (S4.1). */
function cellCoordsGlsl(shape: ReadonlyArray<number>, cellShape: ReadonlyArray<number>): string {
  const terms = coordTerms(shape);
  const pad = shape.length - cellShape.length;
  return cellShape.map((dim, j) => (dim === 1 ? '0' : terms[j + pad])).join(', ');
}

/**
 * S4.2: one Philox4x32-10 block per output element: element b holds the keep bits of mask cells
 * 4b .. 4b + 3 (bit j set iff word j >= the threshold) as an integer 0..15, exact in float16 too.
 * Counter (b, 0, step lo, step hi), key (seed lo, seed hi); b < 2^31, so the counter's second
 * word is 0.
 */
export class SparseoutBitsProgram implements GPGPUProgram {
  variableNames: string[] = [];
  outputShape: number[];
  customUniforms = [
    { name: 'philoxKey', type: 'ivec4' as const },
    { name: 'philoxStep', type: 'ivec4' as const },
    { name: 'keepThreshold', type: 'ivec2' as const },
  ];
  userCode: string;

  constructor(blocks: number) {
    this.outputShape = [blocks];
    this.userCode = `
    ${PHILOX_GLSL}
    void main() {
      int block = getOutputCoords();
      uvec4 words = philox4x32(
        uvec4(uint(block), 0u, sparseoutWord(philoxStep.xy), sparseoutWord(philoxStep.zw)),
        uvec2(sparseoutWord(philoxKey.xy), sparseoutWord(philoxKey.zw)));
      uint t = sparseoutWord(keepThreshold);
      setOutput((words.x >= t ? 1.0 : 0.0) + (words.y >= t ? 2.0 : 0.0) +
                (words.z >= t ? 4.0 : 0.0) + (words.w >= t ? 8.0 : 0.0));
    }
    `;
  }
}

/**
 * The full-size keep-mask (bool, x's shape) from the mask cells, broadcast over x (S4.1): either
 * the packed bits of SparseoutBitsProgram (`Bits`, 1-D; `groups` from cell_index.ts maps an
 * element to its cell), or an explicit bool mask (`Cells`) of shape `cellShape`. From bits, the
 * program can write tfjs's packed layout (`packed`, rank >= 2: each texel holds the 2x2 block of
 * rows r, r + 1 and columns c, c + 1), so a packed consumer needs no packing pass.
 */
export class SparseoutMaskProgram implements GPGPUProgram {
  variableNames: string[];
  outputShape: number[];
  packedOutput: boolean;
  userCode: string;

  constructor(
    shape: number[],
    source: { groups: ReadonlyArray<CellGroup> } | { cellShape: number[] },
    packed = false,
  ) {
    this.outputShape = shape;
    this.packedOutput = packed && 'groups' in source && shape.length >= 2;
    if ('groups' in source) {
      this.variableNames = ['Bits'];
      const kept = `
    float sparseoutKept(int index) {
      ${cellIndexCode(source.groups, 'int ')}
      int bits = int(getBits(cell / 4) + 0.5);
      return float((bits >> (cell - (cell / 4) * 4)) & 1);
    }`;
      if (this.packedOutput) {
        const [row, col] = coordTerms(shape).slice(-2);
        const [rows, cols] = shape.slice(-2);
        this.userCode = `${kept}
    void main() {
      ${outputIndexGlsl(shape)}
      bool nextCol = ${col} + 1 < ${cols};
      bool nextRow = ${row} + 1 < ${rows};
      setOutput(vec4(
        sparseoutKept(index),
        nextCol ? sparseoutKept(index + 1) : 0.0,
        nextRow ? sparseoutKept(index + ${cols}) : 0.0,
        nextRow && nextCol ? sparseoutKept(index + ${cols + 1}) : 0.0));
    }
    `;
      } else {
        this.userCode = `${kept}
    void main() {
      ${outputIndexGlsl(shape)}
      setOutput(sparseoutKept(index));
    }
    `;
      }
    } else {
      this.variableNames = ['Cells'];
      const declare =
        shape.length === 0
          ? ''
          : `${shape.length === 1 ? 'int' : `ivec${shape.length}`} coords = getOutputCoords();`;
      this.userCode = `
    void main() {
      ${declare}
      setOutput(getCells(${cellCoordsGlsl(shape, source.cellShape)}) > 0.5 ? 1.0 : 0.0);
    }
    `;
    }
  }
}

/**
 * S2.3: y = x * (1 + n * g), computed as x * ((1 + n) + n * (g - 1)) (gain_wgsl.ts says why),
 * with n = r / (1 - r) where the mask keeps x, -1 where it drops it (S2.1), g from S2.2. x = 0
 * gives y = x (S2.6: no 0 * Infinity), NaN stays NaN (S2.7). With float16 textures (`limit`
 * 65504) a finite result is clamped to the largest float16, so the texture never stores an
 * Infinity that a finite float32 result would not have. `packed`: reads and writes tfjs's packed
 * textures, four elements per texel (what tfjs's own elementwise ops produce and expect), so
 * Sparseout between packed ops costs no unpacking or packing pass.
 */
export class SparseoutProgram implements GPGPUProgram {
  variableNames = ['X', 'Mask'];
  outputShape: number[];
  packedInputs: boolean;
  packedOutput: boolean;
  customUniforms = [
    { name: 'keptNoise', type: 'float' as const },
    { name: 'q', type: 'float' as const },
    { name: 'epsilon', type: 'float' as const },
  ];
  userCode: string;

  constructor(shape: number[], kind: GainKind, limit: number | undefined, packed = false) {
    this.outputShape = shape;
    this.packedInputs = this.packedOutput = packed;
    this.userCode = `
    ${gainGlsl(kind)}
    float sparseoutApply(float x, float m) {
      float n = m > 0.5 ? keptNoise : -1.0;
      float y = x == 0.0 || isnan(x) ? x : x * ((1.0 + n) + n * sparseoutGainMinusOne(x, q, epsilon));
      ${clampGlsl('y', limit)}
      return y;
    }
    ${elementwiseMainGlsl('sparseoutApply', this.variableNames, packed)}
    `;
  }
}
