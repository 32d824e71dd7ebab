import { CLASSES, type Digits, PIXELS, SIDE } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import type { ArrayDataset } from '../tf/train.js';
import type { Windows } from './characters.js';

/** Digits as a dataset: flat [n, 784] inputs (MLP) or [n, 28, 28, 1] images (CNN), one-hot labels. */
export function digitDataset(set: Digits, layout: 'flat' | 'image'): ArrayDataset {
  return {
    count: set.count,
    batch(indices) {
      const pixels = new Float32Array(indices.length * PIXELS);
      const labels = new Int32Array(indices.length);
      indices.forEach((row, i) => {
        pixels.set(set.images.subarray(row * PIXELS, (row + 1) * PIXELS), i * PIXELS);
        labels[i] = set.labels[row];
      });
      const shape: number[] = layout === 'flat' ? [indices.length, PIXELS] : [indices.length, SIDE, SIDE, 1];
      return {
        x: tf.tensor(pixels, shape, 'float32'),
        y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES), 'float32')),
      };
    },
  };
}

/** Character windows as a dataset: one-hot inputs [n, T, V] and one-hot next characters [n, T, V]. */
export function windowDataset(windows: Windows, vocabularySize: number): ArrayDataset {
  const { length } = windows;
  const gather = (source: Int32Array, indices: number[]) => {
    const out = new Int32Array(indices.length * length);
    indices.forEach((w, i) => {
      out.set(source.subarray(w * length, (w + 1) * length), i * length);
    });
    return out;
  };
  const oneHot = (codes: Int32Array, n: number) =>
    tf.tidy(() => tf.cast(tf.oneHot(tf.tensor2d(codes, [n, length], 'int32'), vocabularySize), 'float32'));
  return {
    count: windows.count,
    batch(indices) {
      return {
        x: oneHot(gather(windows.inputs, indices), indices.length),
        y: oneHot(gather(windows.targets, indices), indices.length),
      };
    },
  };
}
