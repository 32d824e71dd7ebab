import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { GAIN_GLSL } from '../shaders/gain_glsl.js';

/**
 * S3: dx = dy * (1 + n * slope * g), slope 1 ('reference', S3.1) or q / 2 ('exact', S3.2). With
 * float16 textures (`limit` 65504) a finite result is clamped to the largest float16, so S3.4
 * (finite results for finite inputs) holds at x = 0 where g = e^((q - 2) / 2) is huge.
 */
export class SparseoutGradProgram implements GPGPUProgram {
  variableNames = ['Dy', 'X', 'Mask'];
  outputShape: number[];
  customUniforms = [
    { name: 'keptNoise', type: 'float' as const },
    { name: 'q', type: 'float' as const },
    { name: 'epsilon', type: 'float' as const },
    { name: 'slope', type: 'float' as const },
  ];
  userCode: string;

  constructor(shape: number[], limit: number | undefined) {
    this.outputShape = shape;
    this.userCode = `
    ${GAIN_GLSL}
    void main() {
      float x = getXAtOutCoords();
      float n = getMaskAtOutCoords() > 0.5 ? keptNoise : -1.0;
      float ns = n * slope;
      float dx = getDyAtOutCoords() * ((1.0 + ns) + ns * sparseoutGainMinusOne(x, q, epsilon));
      ${limit === undefined ? '' : `if (!isnan(dx)) dx = clamp(dx, -${limit.toFixed(1)}, ${limit.toFixed(1)});`}
      setOutput(dx);
    }
    `;
  }
}
