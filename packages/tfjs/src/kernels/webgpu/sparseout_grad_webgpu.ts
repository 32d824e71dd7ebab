import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { GainKind } from '../shaders/gain_kind.js';
import { gainWgsl } from '../shaders/gain_wgsl.js';
import { flatDispatch, WORKGROUP_SIZE } from './dispatch.js';

/** S3: dx = dy * (1 + n * slope * g), slope 1 ('reference', S3.1) or q / 2 ('exact', S3.2). */
export class SparseoutGradProgram implements WebGPUProgram {
  variableNames = ['Dy', 'X', 'Mask'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP_SIZE;
  size = true;
  uniforms = 'keptNoise : f32, q : f32, epsilon : f32, slope : f32,';

  private readonly kind: GainKind;

  constructor(shape: number[], kind: GainKind) {
    this.outputShape = shape;
    this.kind = kind;
    this.shaderKey = `sparseoutGrad_${kind}`;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flatDispatch(shape));
  }

  getUserCode(): string {
    return `
    ${gainWgsl(this.kind)}
    fn main(index : i32) {
      if (index < uniforms.size) {
        let n = select(-1.0, uniforms.keptNoise, Mask[index] != 0);
        let x = X[index];
        let ns = n * uniforms.slope;
        setOutputAtIndex(index, Dy[index] * ((1.0 + ns) + ns * sparseoutGainMinusOne(x, uniforms.q, uniforms.epsilon)));
      }
    }
    `;
  }
}
