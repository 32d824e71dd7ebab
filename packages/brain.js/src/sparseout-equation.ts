import { backwardKernel, forwardKernel, gradientSlope, type Seed } from '@sparseout/core';
import { drawMaskWith, type MaskWords, maskWords } from './mask.js';
import type { ResolvedSettings } from './options.js';

/** A brain.js recurrent `Matrix` (1.6.x and 2.0.0-beta alike): row-major float32 weights and deltas. */
export interface RecurrentMatrix {
  rows: number;
  columns: number;
  weights: Float32Array;
  deltas: Float32Array;
}

type Propagate = (product: RecurrentMatrix, left: RecurrentMatrix, right?: unknown) => void;

/** One state of a brain.js recurrent `Equation`: a product computed from left (and right). */
export interface EquationState {
  name?: string;
  product: RecurrentMatrix;
  left?: unknown;
  right?: unknown;
  forwardFn: Propagate;
  backpropagationFn: Propagate;
}

/** A brain.js recurrent `Equation`: its states run in order forward and in reverse backward. */
export interface RecurrentEquation {
  states: EquationState[];
}

/** The Sparseout state of one hidden layer at one time step, with its keep-mask of the last pattern. */
export interface SparseoutState extends EquationState {
  name: 'sparseout';
  product: RecurrentMatrix;
  left: RecurrentMatrix;
  /** The keep-mask drawn by the last forward pass (S4.2). */
  mask: Uint8Array;
  /** Where this layer's units start in the pattern's Philox stream. */
  offset: number;
}

/** What a Sparseout state reads when it runs: the settings and the step of the pattern being trained. */
export interface SparseoutRun {
  settings: ResolvedSettings;
  step: Seed;
  /** An explicit keep-mask to use instead of drawing one (S4.5; the conformance adapter's). */
  mask?: Uint8Array;
  /** The keep threshold and the Philox key and step words, worked out by the first state that runs. */
  words?: MaskWords;
}

/**
 * Builds the equation state y = Sparseout(h) of one hidden output h (a brain.js Matrix).
 * Forward (S2.3): draws the keep-mask of elements [offset, offset + size) of the Philox stream of
 * (seed, step) (S4.2) and writes y = h (1 + n g); y's deltas start at zero, as every brain.js state
 * clears its product's deltas. Backward (S3.1, or S3.2 with `gradient: 'exact'`): adds
 * dy (1 + n g) (times q/2 on g for 'exact') to h's deltas. It adds, where most brain.js states
 * assign, because h has a second consumer: the recurrent connection of the next time step, whose
 * gradient reached h's deltas first (the next step's equation is backpropagated before this one).
 */
export function sparseoutState(
  hidden: RecurrentMatrix,
  output: RecurrentMatrix,
  offset: number,
  current: () => SparseoutRun,
): SparseoutState {
  const size = hidden.weights.length;
  const mask = new Uint8Array(size);
  const dx = new Float32Array(size);
  return {
    name: 'sparseout',
    product: output,
    left: hidden,
    mask,
    offset,
    forwardFn: function sparseout(product: RecurrentMatrix, left: RecurrentMatrix): void {
      const run = current();
      const { probability, q, epsilon } = run.settings;
      if (run.mask) mask.set(run.mask);
      else {
        // S4.2, with the words worked out once per sequence.
        run.words ??= maskWords(run.settings.probability, run.settings.seed, run.step);
        drawMaskWith(mask, run.words, offset);
      }
      forwardKernel(left.weights, mask, probability, q, epsilon, product.weights);
      product.deltas.fill(0);
    },
    backpropagationFn: function sparseoutB(product: RecurrentMatrix, left: RecurrentMatrix): void {
      const { probability, q, epsilon, gradient } = current().settings;
      backwardKernel(
        product.deltas,
        left.weights,
        mask,
        probability,
        q,
        epsilon,
        gradientSlope(gradient, q),
        dx,
      );
      const deltas = left.deltas;
      for (let i = 0; i < size; i++) deltas[i] += dx[i];
    },
  };
}

/**
 * Puts Sparseout on the non-recurrent connections of one bound time step: for each hidden output h
 * (the layer's entry in `equationConnections`), a state y = Sparseout(h) goes right after the state
 * that computes h, and every later state of this equation that reads h (the next layer's input
 * products, or the output layer's `outputConnector * h`) reads y instead. The next time step keeps
 * reading h itself through its own equation, so the recurrent state is never perturbed.
 * `offsets[i]` is where layer i starts in the pattern's stream (time step * total hidden units +
 * the units of the layers below). Returns the states inserted, one per layer.
 */
export function insertSparseout(
  equation: RecurrentEquation,
  hiddenOutputs: RecurrentMatrix[],
  offsets: number[],
  current: () => SparseoutRun,
): SparseoutState[] {
  const inserted: SparseoutState[] = [];
  hiddenOutputs.forEach((hidden, layer) => {
    const { states } = equation;
    const at = states.findIndex((state) => state.product === hidden);
    if (at < 0) throw new Error(`hidden layer ${layer} has no state in this equation`);
    const MatrixClass = hidden.constructor as new (rows: number, columns: number) => RecurrentMatrix;
    const output = new MatrixClass(hidden.rows, hidden.columns);
    const state = sparseoutState(hidden, output, offsets[layer], current);
    for (let i = at + 1; i < states.length; i++) {
      const reader = states[i];
      if (reader.left === hidden) reader.left = output;
      if (reader.right === hidden) reader.right = output;
    }
    states.splice(at + 1, 0, state);
    inserted.push(state);
  });
  return inserted;
}
