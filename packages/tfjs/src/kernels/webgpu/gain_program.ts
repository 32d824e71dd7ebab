import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { GainKind } from '../shaders/gain_kind.js';
import { gainWgsl } from '../shaders/gain_wgsl.js';
import { flatDispatch, WORKGROUP_SIZE } from './dispatch.js';

/**
 * An elementwise program over x's shape that computes S2.2's gain in one form of q (gain_kind.ts):
 * one shader per (program, form), `sparseoutGainMinusOne` declared before `main`, whose body
 * (`elementCode`) runs for each index below the size.
 */
export abstract class GainProgram implements WebGPUProgram {
  abstract variableNames: string[];
  abstract uniforms: string;
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP_SIZE;
  size = true;
  private readonly kind: GainKind;

  constructor(name: string, shape: number[], kind: GainKind) {
    this.outputShape = shape;
    this.kind = kind;
    this.shaderKey = `${name}_${kind}`;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flatDispatch(shape));
  }

  /** The WGSL run for one `index` (below uniforms.size). */
  protected abstract elementCode(): string;

  getUserCode(): string {
    return `
    ${gainWgsl(this.kind)}
    fn main(index : i32) {
      if (index < uniforms.size) {${this.elementCode()}
      }
    }
    `;
  }
}
