import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** Seconds per trainOnBatch call, one sample per call, after `warmup` untimed calls. */
export async function timeBatches(
  model: tfl.LayersModel,
  batch: { x: tf.Tensor; y: tf.Tensor },
  warmup: number,
  timed: number,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await model.trainOnBatch(batch.x, batch.y);
  const seconds: number[] = [];
  for (let i = 0; i < timed; i++) {
    const t0 = performance.now();
    await model.trainOnBatch(batch.x, batch.y);
    seconds.push((performance.now() - t0) / 1000);
  }
  return seconds;
}

/** The median of a non-empty sample (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
