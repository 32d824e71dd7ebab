import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';

async function filterGradient(
  backend: 'cpu' | 'wasm',
  pad: 'same' | 'valid',
  stride: number,
): Promise<Float32Array> {
  await useBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(
      Array.from({ length: 2 * 7 * 7 * 3 }, (_, i) => Math.sin(i)),
      [2, 7, 7, 3],
    );
    const filter = tf.tensor4d(
      Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)),
      [3, 3, 3, 4],
    );
    const grad = tf.grad((f) => tf.sum(tf.square(tf.conv2d(x, f as tf.Tensor4D, stride, pad))));
    return grad(filter).dataSync() as Float32Array;
  });
}

describe('wasm Conv2DBackpropFilter shim (via Conv3DBackpropFilterV2)', () => {
  for (const pad of ['valid', 'same'] as const) {
    it(`matches the cpu backend's filter gradient, pad ${pad}, stride 1`, async () => {
      const cpu = await filterGradient('cpu', pad, 1);
      const wasm = await filterGradient('wasm', pad, 1);
      expect(wasm.length).toBe(3 * 3 * 3 * 4);
      let maxAbs = 0;
      for (let i = 0; i < cpu.length; i++) maxAbs = Math.max(maxAbs, Math.abs(cpu[i]));
      for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThan(1e-5 * maxAbs);
    });
  }

  it('refuses stride 2 (where wasm Conv3DBackpropFilterV2 disagrees with cpu) instead of a wrong gradient', async () => {
    await expect(filterGradient('wasm', 'same', 2)).rejects.toThrow(/stride 1 only/);
  });
});
