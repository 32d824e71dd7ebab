import { CLASSES, type Digits, PIXELS, uniformRandom } from '@sparseout/example-data';

/** Weights of the MLP 784 -> hidden (ReLU, Dropout) -> 10 (softmax), row-major [in, out]. */
export interface MlpWeights {
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * Trains the MLP with plain SGD (batch 1, learning rate `lr`) and inverted Dropout of `rate` on the
 * hidden layer, in plain JavaScript: a few seconds for a few thousand digits.
 */
export function trainMlp(
  data: Digits,
  options: { hidden: number; epochs: number; rate: number; lr: number },
): MlpWeights {
  const { hidden, rate, lr } = options;
  const random = uniformRandom(42);
  const init = (n: number, fanIn: number) =>
    Float32Array.from({ length: n }, () => (random() * 2 - 1) * Math.sqrt(6 / fanIn));
  const w1 = init(PIXELS * hidden, PIXELS + hidden);
  const b1 = new Float32Array(hidden);
  const w2 = init(hidden * CLASSES, hidden + CLASSES);
  const b2 = new Float32Array(CLASSES);
  const h = new Float32Array(hidden);
  const keep = new Float32Array(hidden);
  const p = new Float32Array(CLASSES);
  const dh = new Float32Array(hidden);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let s = 0; s < data.count; s++) {
      const x = data.images.subarray(s * PIXELS, (s + 1) * PIXELS);
      h.set(b1);
      for (let i = 0; i < PIXELS; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        const row = i * hidden;
        for (let j = 0; j < hidden; j++) h[j] += xi * w1[row + j];
      }
      for (let j = 0; j < hidden; j++) {
        keep[j] = random() >= rate ? 1 / (1 - rate) : 0;
        h[j] = Math.max(0, h[j]) * keep[j];
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < CLASSES; k++) {
        let z = b2[k];
        for (let j = 0; j < hidden; j++) z += h[j] * w2[j * CLASSES + k];
        p[k] = z;
        max = Math.max(max, z);
      }
      let sum = 0;
      for (let k = 0; k < CLASSES; k++) sum += p[k] = Math.exp(p[k] - max);
      for (let k = 0; k < CLASSES; k++) p[k] = p[k] / sum - (k === data.labels[s] ? 1 : 0);
      dh.fill(0);
      for (let j = 0; j < hidden; j++) {
        for (let k = 0; k < CLASSES; k++) {
          dh[j] += p[k] * w2[j * CLASSES + k];
          w2[j * CLASSES + k] -= lr * p[k] * h[j];
        }
        dh[j] = h[j] > 0 ? dh[j] * keep[j] : 0;
      }
      for (let k = 0; k < CLASSES; k++) b2[k] -= lr * p[k];
      for (let i = 0; i < PIXELS; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        const row = i * hidden;
        for (let j = 0; j < hidden; j++) w1[row + j] -= lr * dh[j] * xi;
      }
      for (let j = 0; j < hidden; j++) b1[j] -= lr * dh[j];
    }
  }
  return { hidden, w1, b1, w2, b2 };
}
