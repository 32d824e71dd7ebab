import type { GainKind } from '../shaders/gain_kind.js';
import { GainProgram } from './gain_program.js';

/** S3: dx = dy * (1 + n * slope * g), slope 1 ('reference', S3.1) or q / 2 ('exact', S3.2). */
export class SparseoutGradProgram extends GainProgram {
  variableNames = ['Dy', 'X', 'Mask'];
  uniforms = 'keptNoise : f32, q : f32, epsilon : f32, slope : f32,';

  constructor(shape: number[], kind: GainKind) {
    super('sparseoutGrad', shape, kind);
  }

  protected elementCode(): string {
    return `
        let n = select(-1.0, uniforms.keptNoise, Mask[index] != 0);
        let x = X[index];
        let ns = n * uniforms.slope;
        setOutputAtIndex(index, Dy[index] * ((1.0 + ns) + ns * sparseoutGainMinusOne(x, uniforms.q, uniforms.epsilon)));`;
  }
}
