import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { GAIN_WGSL } from '../shaders/gain_wgsl.js';
import { flatDispatch, WORKGROUP_SIZE } from './dispatch.js';

/**
 * S3: dx = dy * (1 + n * slope * g), slope 1 ('reference', S3.1) or q / 2 ('exact', S3.2); NaN
 * where x is NaN (S2.7).
 */
export class SparseoutGradProgram implements WebGPUProgram {
  variableNames = ['Dy', 'X', 'Mask'];
  outputShape: number[];
  shaderKey = 'sparseoutGrad';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP_SIZE;
  size = true;
  uniforms = 'keptNoise : f32, q : f32, epsilon : f32, slope : f32,';

  constructor(shape: number[]) {
    this.outputShape = shape;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flatDispatch(shape));
  }

  getUserCode(): string {
    return `
    ${GAIN_WGSL}
    fn main(index : i32) {
      if (index < uniforms.size) {
        let n = select(-1.0, uniforms.keptNoise, Mask[index] != 0);
        let x = X[index];
        let dx = Dy[index] * (1.0 + n * uniforms.slope * sparseoutGain(x, uniforms.q, uniforms.epsilon));
        // A NaN x gives a NaN dx (pow of NaN is not NaN under every shader compiler).
        setOutputAtIndex(index, select(dx, x, isnan(x)));
      }
    }
    `;
  }
}
