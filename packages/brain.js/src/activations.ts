/**
 * The four activations of brain.js's classic NeuralNetwork, as whole-layer loops, for the training
 * pass of SparseoutNeuralNetwork. They repeat brain.js's formulas (sigmoid, relu, leaky-relu, tanh)
 * so that the derivative can be taken at the activation before Sparseout, not after it.
 * 'leaky-relu-1.6' is brain.js 1.6.x's leaky-relu, which its `run` and `toFunction` compute as
 * `x < 0 ? 0 : alpha * x` (2.0.0-beta: `max(x, alpha x)`); training must use the formula `run` uses.
 */
export type ActivationName = 'sigmoid' | 'relu' | 'leaky-relu' | 'leaky-relu-1.6' | 'tanh';

/** Applies the activation in place: values[i] = f(values[i]). */
export function activateInPlace(name: string, values: Float32Array, alpha: number): void {
  const n = values.length;
  switch (name) {
    case 'sigmoid':
      for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'relu':
      for (let i = 0; i < n; i++) values[i] = Math.max(0, values[i]);
      return;
    case 'leaky-relu':
      for (let i = 0; i < n; i++) values[i] = Math.max(values[i], alpha * values[i]);
      return;
    case 'leaky-relu-1.6':
      for (let i = 0; i < n; i++) values[i] = values[i] < 0 ? 0 : alpha * values[i];
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
      return;
    default:
      throw new Error(`Unknown activation ${name}`);
  }
}

/**
 * Multiplies `deltas` in place by the activation's derivative, expressed (as brain.js does) through
 * the activation's output a: sigmoid a(1 - a), relu [a > 0], leaky-relu a > 0 ? 1 : alpha, tanh 1 - a^2.
 * brain.js 1.6.x takes its leaky-relu's derivative by the same rule (a > 0 ? 1 : alpha).
 */
export function multiplyByDerivative(
  name: string,
  a: Float32Array,
  deltas: Float32Array,
  alpha: number,
): void {
  const n = a.length;
  switch (name) {
    case 'sigmoid':
      for (let i = 0; i < n; i++) deltas[i] *= a[i] * (1 - a[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) deltas[i] = a[i] > 0 ? deltas[i] : 0;
      return;
    case 'leaky-relu':
    case 'leaky-relu-1.6':
      for (let i = 0; i < n; i++) deltas[i] = a[i] > 0 ? deltas[i] : alpha * deltas[i];
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) deltas[i] *= 1 - a[i] * a[i];
      return;
    default:
      throw new Error(`Unknown activation ${name}`);
  }
}
