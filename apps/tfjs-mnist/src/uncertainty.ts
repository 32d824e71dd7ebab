import { PIXELS, SIDE, uniformRandom } from '@sparseout/example-data';
import { mcPredict } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The images turned a quarter turn clockwise: out(r, c) = in(SIDE - 1 - c, r). */
export function rotated(images: Float32Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let base = 0; base < images.length; base += PIXELS) {
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) out[base + r * SIDE + c] = images[base + (SIDE - 1 - c) * SIDE + r];
    }
  }
  return out;
}

/** The images with a share `amount` of their pixels replaced by uniform noise in [0, 1) (seeded). */
export function noised(images: Float32Array, amount: number, seed: number): Float32Array {
  const random = uniformRandom(seed);
  return images.map((pixel) => (random() < amount ? random() : pixel));
}

/**
 * The mean predictive entropy (nats) of MC Sparseout: `samples` stochastic passes in which only
 * the Sparseout layers draw noise (mcPredict), the entropy -sum p log p of each digit's mean
 * class probabilities, averaged over the digits. Higher means less certain (at most ln 10).
 */
export async function mcEntropy(
  model: tfl.LayersModel,
  images: Float32Array,
  samples: number,
  seed: number,
): Promise<number> {
  const x = tf.tensor2d(images, [images.length / PIXELS, PIXELS]);
  const { mean, variance } = await mcPredict<tf.Tensor>(model, x, { samples, seed, batchSize: 250 });
  const entropy = tf.tidy(() => {
    const p = tf.clipByValue(mean, 1e-12, 1);
    return tf.mean(tf.neg(tf.sum(tf.mul(p, tf.log(p)), 1)));
  });
  const value = (await entropy.data())[0];
  tf.dispose([x, mean, variance, entropy]);
  return value;
}
