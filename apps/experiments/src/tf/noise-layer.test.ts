import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';
import { noiseLayer } from './noise-layer.js';

/**
 * Positions a seeded Sparseout layer drops over `calls` successive training calls on positive input.
 * Only at q = 2 is a dropped unit exactly zero; for any q, on a positive input a kept unit moves up
 * (noise r/(1-r)) and a dropped one moves down (noise -1, S2), so `y < x` marks the dropped units.
 */
function dropped(rate: number, q: number, seed: number, calls: number): boolean[][] {
  const layer = noiseLayer({ kind: 'sparseout', rate, q, seed });
  const x = tf.add(tf.randomUniform([16, 64], 0, 1, 'float32', 7), 0.5);
  const input = x.dataSync();
  const out: boolean[][] = [];
  for (let i = 0; i < calls; i++) {
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    out.push(Array.from(y.dataSync(), (v, j) => v < input[j]));
    y.dispose();
  }
  x.dispose();
  return out;
}

describe('the pairing the claim 3/4 designs rely on (apps/experiments/README.md)', () => {
  it('S4.4 the same seed and rate drop the same units at every step whatever q, another seed drops others', async () => {
    await useBackend('wasm');
    const dropout = dropped(0.5, 2, 4000, 3);
    const q3 = dropped(0.5, 3, 4000, 3);
    const q15 = dropped(0.5, 1.5, 4000, 3);
    const otherSeed = dropped(0.5, 2, 4001, 3);
    expect(q3).toEqual(dropout);
    expect(q15).toEqual(dropout);
    // Each step has its own mask (about half dropped), and another seed gives other masks.
    const fraction = dropout[0].filter(Boolean).length / dropout[0].length;
    expect(fraction).toBeGreaterThan(0.4);
    expect(fraction).toBeLessThan(0.6);
    expect(dropout[1]).not.toEqual(dropout[0]);
    expect(otherSeed[0]).not.toEqual(dropout[0]);
  });

  it('S2.4 rate 0 is the identity in training (the control arm)', async () => {
    await useBackend('wasm');
    const layer = noiseLayer({ kind: 'sparseout', rate: 0, q: 2, seed: 4000 });
    const x = tf.tensor2d([
      [0.5, -1, 2],
      [3, 0, -0.25],
    ]);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });
});
