import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { gainGlsl } from '../shaders/gain_glsl.js';
import type { GainKind } from '../shaders/gain_kind.js';
import { clampGlsl, elementwiseMainGlsl } from './elementwise_glsl.js';

/**
 * S3: dx = dy * (1 + n * slope * g), slope 1 ('reference', S3.1) or q / 2 ('exact', S3.2). With
 * float16 textures (`limit` 65504) a finite result is clamped to the largest float16, so S3.4
 * (finite results for finite inputs) holds at x = 0 where g = e^((q - 2) / 2) is huge. `packed`:
 * tfjs's packed textures, four elements per texel, as SparseoutProgram.
 */
export class SparseoutGradProgram implements GPGPUProgram {
  variableNames = ['Dy', 'X', 'Mask'];
  outputShape: number[];
  packedInputs: boolean;
  packedOutput: boolean;
  customUniforms = [
    { name: 'keptNoise', type: 'float' as const },
    { name: 'q', type: 'float' as const },
    { name: 'epsilon', type: 'float' as const },
    { name: 'slope', type: 'float' as const },
  ];
  userCode: string;

  constructor(shape: number[], kind: GainKind, limit: number | undefined, packed = false) {
    this.outputShape = shape;
    this.packedInputs = this.packedOutput = packed;
    this.userCode = `
    ${gainGlsl(kind)}
    float sparseoutBackward(float dy, float x, float m) {
      float ns = (m > 0.5 ? keptNoise : -1.0) * slope;
      float dx = dy * ((1.0 + ns) + ns * sparseoutGainMinusOne(x, q, epsilon));
      ${clampGlsl('dx', limit)}
      return dx;
    }
    ${elementwiseMainGlsl('sparseoutBackward', this.variableNames, packed)}
    `;
  }
}
