import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { type CellGroup, cellGroupsKey, cellIndexCode } from '../shaders/cell_index.js';
import type { GainKind } from '../shaders/gain_kind.js';
import { PHILOX_WGSL } from '../shaders/philox_wgsl.js';
import { flatDispatch, WORKGROUP_SIZE } from './dispatch.js';
import { GainProgram } from './gain_program.js';

/**
 * A program that draws Philox4x32-10 blocks from the seed uniforms and reads no input (S4.2):
 * `sparseoutKeptWords(b)` says which of block b's four words keep their cell (word >= the
 * threshold). Counter (b, 0, step lo, step hi), key (seed lo, seed hi); b < 2^31, so the
 * counter's second word is 0. One invocation per block; `outputShape` may hold more elements.
 */
abstract class PhiloxProgram implements WebGPUProgram {
  variableNames: string[] = [];
  outputShape: number[];
  abstract shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP_SIZE;
  size = true;
  uniforms = 'philoxKey : vec2<u32>, philoxStep : vec2<u32>, keepThreshold : u32,';

  constructor(shape: number[], blocks: number) {
    this.outputShape = shape;
    this.dispatchLayout = flatDispatch(shape).dispatchLayout;
    this.dispatch = flatDispatch([blocks]).dispatch;
  }

  /** The WGSL of the program's `main(block : i32)`, after PHILOX_WGSL and sparseoutKeptWords. */
  protected abstract mainCode(): string;

  getUserCode(): string {
    return `
    ${PHILOX_WGSL}
    fn sparseoutKeptWords(block : i32) -> vec4<bool> {
      let words = philox4x32(vec4<u32>(u32(block), 0u, uniforms.philoxStep), uniforms.philoxKey);
      return words >= vec4<u32>(uniforms.keepThreshold);
    }
    ${this.mainCode()}
    `;
  }
}

/**
 * S4.2: one Philox block per output element: element b holds the keep bits of mask cells
 * 4b .. 4b + 3 (bit j set iff word j keeps its cell) as an integer 0..15.
 */
export class SparseoutBitsProgram extends PhiloxProgram {
  shaderKey = 'sparseoutBits';

  constructor(blocks: number) {
    super([blocks], blocks);
  }

  protected mainCode(): string {
    return `
    fn main(index : i32) {
      if (index < uniforms.size) {
        let bits = select(vec4<i32>(0), vec4<i32>(1, 2, 4, 8), sparseoutKeptWords(index));
        setOutputAtIndexI32(index, bits.x + bits.y + bits.z + bits.w);
      }
    }
    `;
  }
}

/**
 * S4.2 without broadcasting: the full-size keep-mask (bool, x's shape) straight from Philox, one
 * invocation per block writing elements 4b .. 4b + 3, so the seeded path needs no intermediate
 * bits buffer.
 */
export class SparseoutPhiloxMaskProgram extends PhiloxProgram {
  shaderKey = 'sparseoutPhiloxMask';

  constructor(shape: number[]) {
    super(shape, Math.ceil(shape.reduce((p, s) => p * s, 1) / 4));
  }

  protected mainCode(): string {
    return `
    fn main(block : i32) {
      let first = block * 4;
      if (first < uniforms.size) {
        let kept = select(vec4<i32>(0), vec4<i32>(1), sparseoutKeptWords(block));
        for (var j = 0; j < 4; j++) {
          if (first + j < uniforms.size) { setOutputAtIndexI32(first + j, kept[j]); }
        }
      }
    }
    `;
  }
}

/**
 * The full-size keep-mask (bool, x's shape) from the mask cells, broadcast over x (S4.1): the
 * packed bits of SparseoutBitsProgram (`Bits`) or an explicit bool mask (`Cells`), both read
 * flat; `groups` (cell_index.ts) maps an element to its cell.
 */
export class SparseoutMaskProgram implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP_SIZE;
  size = true;
  private readonly groups: ReadonlyArray<CellGroup>;
  private readonly source: 'bits' | 'cells';

  constructor(shape: number[], groups: ReadonlyArray<CellGroup>, source: 'bits' | 'cells') {
    this.outputShape = shape;
    this.groups = groups;
    this.source = source;
    this.variableNames = [source === 'bits' ? 'Bits' : 'Cells'];
    this.shaderKey = `sparseoutMask_${source}_${cellGroupsKey(groups)}`;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch } = flatDispatch(shape));
  }

  getUserCode(): string {
    const read =
      this.source === 'bits' ? '(Bits[cell / 4] >> u32(cell % 4)) & 1' : 'select(0, 1, Cells[cell] != 0)';
    return `
    fn sparseoutKept(index : i32) -> i32 {
      ${cellIndexCode(this.groups, 'var ')}
      return ${read};
    }
    fn main(index : i32) {
      if (index < uniforms.size) {
        setOutputAtIndexI32(index, sparseoutKept(index));
      }
    }
    `;
  }
}

/**
 * S2.3: y = x * (1 + n * g), computed as x * ((1 + n) + n * (g - 1)) (gain_wgsl.ts says why),
 * with n = r / (1 - r) where the mask keeps x, -1 where it drops it
 * (S2.1), g from S2.2. x = 0 gives y = x (S2.6: no 0 * Infinity), NaN stays NaN (S2.7).
 */
export class SparseoutProgram extends GainProgram {
  variableNames = ['X', 'Mask'];
  uniforms = 'keptNoise : f32, q : f32, epsilon : f32,';

  constructor(shape: number[], kind: GainKind) {
    super('sparseout', shape, kind);
  }

  protected elementCode(): string {
    return `
        let x = X[index];
        let n = select(-1.0, uniforms.keptNoise, Mask[index] != 0);
        let y = x * ((1.0 + n) + n * sparseoutGainMinusOne(x, uniforms.q, uniforms.epsilon));
        setOutputAtIndex(index, select(y, x, x == 0.0 || isnan(x)));`;
  }
}
