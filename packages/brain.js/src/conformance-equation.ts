/**
 * The conformance adapter's path through brain.js's recurrent machinery, the one the Sparseout
 * recurrent nets train with and the one brain.js 1.6.x has (it has no layers): a brain.js
 * `Equation` holding the Sparseout state of `sparseoutState` between two brain.js `Matrix`es, run
 * forward by the Equation's `runIndex` (S2) and backward by its `backpropagate` (S3). Matrix and
 * Equation are the classes of the installed brain.js, taken from a one-unit `recurrent.RNN`, since
 * neither version exports them.
 */
import type { BackwardRequest, ForwardRequest, TensorData } from '@sparseout/conformance';
import type { Seed } from '@sparseout/core';
import { brain } from './brain.js';
import type { ResolvedSettings } from './options.js';
import {
  type RecurrentEquation,
  type RecurrentMatrix,
  type SparseoutRun,
  sparseoutState,
} from './sparseout-equation.js';

type MatrixClass = new (rows: number, columns: number) => RecurrentMatrix;
type EquationClass = new () => RecurrentEquation & {
  runIndex(row?: number): unknown;
  backpropagate(): unknown;
};

let classes: { Matrix: MatrixClass; Equation: EquationClass } | null = null;

/** brain.js's recurrent Matrix and Equation classes, from a one-unit RNN's first time step. */
function recurrentClasses(): { Matrix: MatrixClass; Equation: EquationClass } {
  if (classes === null) {
    const net = new brain.recurrent.RNN({ inputSize: 1, inputRange: 1, hiddenLayers: [1], outputSize: 1 });
    net.initialize();
    net.bindEquation();
    const model = net.model as unknown as { output: object; equations: object[] };
    classes = {
      Matrix: model.output.constructor as MatrixClass,
      Equation: model.equations[0].constructor as EquationClass,
    };
  }
  return classes;
}

function matrixOf(data: Float32Array | Float64Array): RecurrentMatrix {
  const { Matrix } = recurrentClasses();
  const matrix = new Matrix(data.length, 1);
  matrix.weights.set(data);
  return matrix;
}

/** Runs x through an Equation with a Sparseout state (training) and returns the state and matrices. */
function runEquation(x: TensorData, settings: ResolvedSettings, step: Seed, mask: Uint8Array | undefined) {
  const { Matrix, Equation } = recurrentClasses();
  const input = matrixOf(x.data);
  const output = new Matrix(input.rows, 1);
  const run: SparseoutRun = { settings, step, mask };
  const state = sparseoutState(input, output, 0, () => run);
  const equation = new Equation();
  equation.states.push(state);
  equation.runIndex(0);
  return { input, output, state, equation };
}

/**
 * Forward (S2) through a brain.js Equation. Inference and probability 0 have no Sparseout state at
 * all, as in the recurrent nets, so y = x (S2.4).
 */
export function equationForward(
  request: ForwardRequest,
  settings: ResolvedSettings,
  step: Seed,
): { y: Float32Array; mask: Uint8Array } {
  if (request.training === false || settings.probability === 0) {
    return { y: Float32Array.from(request.x.data), mask: new Uint8Array(request.x.data.length).fill(1) };
  }
  const { output, state } = runEquation(request.x, settings, step, request.mask?.slice());
  return { y: output.weights.slice(), mask: state.mask.slice() };
}

/** Backward (S3) through a brain.js Equation: dy into the Sparseout product's deltas, dx from x's. */
export function equationBackward(request: BackwardRequest, settings: ResolvedSettings): Float32Array {
  if (request.training === false || settings.probability === 0) return Float32Array.from(request.dy.data);
  const { input, output, equation } = runEquation(request.x, settings, 0, request.mask.slice());
  output.deltas.set(request.dy.data);
  input.deltas.fill(0);
  equation.backpropagate();
  return input.deltas.slice();
}
