import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { type ArrayDataset, forEachPrediction } from './train.js';

/** Fraction of rows whose arg-max prediction matches the one-hot target. */
export async function accuracy(model: tfl.LayersModel, data: ArrayDataset, batchSize = 500): Promise<number> {
  let correct = 0;
  await forEachPrediction(model, data, batchSize, async (probabilities, target) => {
    const hits = tf.tidy(() =>
      tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, -1), tf.argMax(target, -1)), 'int32')),
    );
    correct += (await hits.data())[0];
    hits.dispose();
  });
  return correct / data.count;
}

/**
 * Perplexity exp(mean cross-entropy in nats) of a model predicting one-hot targets, averaged over
 * every predicted position (for a character model: per-character perplexity).
 */
export async function perplexity(
  model: tfl.LayersModel,
  data: ArrayDataset,
  batchSize = 128,
): Promise<number> {
  let total = 0;
  let positions = 0;
  await forEachPrediction(model, data, batchSize, async (probabilities, target) => {
    const crossEntropy = tf.tidy(() => tf.neg(tf.sum(tf.mul(target, tf.log(tf.add(probabilities, 1e-7))))));
    total += (await crossEntropy.data())[0];
    positions += target.size / target.shape[target.shape.length - 1];
    crossEntropy.dispose();
  });
  return Math.exp(total / positions);
}
