import { CLASSES, PIXELS } from '@sparseout/example-data';
import { createSparseoutSession, mcPredict, replaceDropout } from '@sparseout/onnxruntime-web';
import * as ort from 'onnxruntime-web';
import { loadDigits, noiseImages } from './data.js';
import { mlpOnnx } from './model.js';
import { trainMlp } from './train.js';

/** What the example measures for one set of inputs. */
export interface SetSummary {
  /** Mean over inputs of the summed per-class variance of the MC softmax outputs. */
  predictiveVariance: number;
  /** Mean over inputs of the largest MC mean probability. */
  meanConfidence: number;
  /** Accuracy of the MC mean prediction (digits only). */
  accuracy?: number;
}

export interface ExampleOptions {
  trainPerDigit: number;
  testPerDigit: number;
  epochs: number;
  samples: number;
  q: number;
  rate: number;
  log?: (line: string) => void;
}

function summarize(
  mean: Float64Array,
  variance: Float64Array,
  count: number,
  labels?: Int32Array,
): SetSummary {
  let total = 0;
  let confidence = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let k = 0; k < CLASSES; k++) {
      total += variance[i * CLASSES + k];
      if (mean[i * CLASSES + k] > mean[i * CLASSES + best]) best = k;
    }
    confidence += mean[i * CLASSES + best];
    if (labels && labels[i] === best) correct++;
  }
  return {
    predictiveVariance: total / count,
    meanConfidence: confidence / count,
    ...(labels ? { accuracy: correct / count } : {}),
  };
}

/**
 * Trains the classifier, exports it as ONNX with a Dropout, turns the Dropout into Sparseout with
 * `replaceDropout`, and runs MC Sparseout (`mcPredict`) on held-out digits and on noise images.
 */
export async function runExample(options: ExampleOptions) {
  const log = options.log ?? (() => {});
  const { train, test } = loadDigits(options.trainPerDigit, options.testPerDigit);
  log(
    `training an MLP 784-128-10 (Dropout ${options.rate}) on ${train.count} mnist digits, ${options.epochs} epochs ...`,
  );
  const weights = trainMlp(train, { hidden: 128, epochs: options.epochs, rate: options.rate, lr: 0.01 });
  const withDropout = mlpOnnx(weights, options.rate);
  const withSparseout = replaceDropout(withDropout, { q: options.q });
  log(
    `ONNX model: ${withDropout.length} bytes with Dropout, ${withSparseout.length} bytes with Sparseout (q ${options.q})`,
  );
  const session = await createSparseoutSession(withSparseout, { wasm: { numThreads: 1 } });
  const noise = noiseImages(test.count, 7);
  const run = async (images: Float32Array, count: number) => {
    const feeds = { pixels: new ort.Tensor('float32', images, [count, PIXELS]) };
    const { probs } = await mcPredict(session, feeds, { samples: options.samples, seed: 1 });
    return probs;
  };
  const digitsOut = await run(test.images, test.count);
  const noiseOut = await run(noise, test.count);
  await session.release();
  return {
    digits: summarize(digitsOut.mean, digitsOut.variance, test.count, test.labels),
    noise: summarize(noiseOut.mean, noiseOut.variance, test.count),
    inputs: test.count,
  };
}
