import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { mcPredict } from './mc-predict.js';
import { replaceDropout } from './replace-dropout.js';
import { seedSparseoutNodes } from './seeded-model.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining } from './training-flag.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

const url = new URL('../fixtures/mlp-opset17-train.onnx', import.meta.url);
const x = () =>
  new ort.Tensor(
    'float32',
    Float32Array.from({ length: 16 }, (_, i) => Math.sin(i)),
    [2, 8],
  );

describe('model bytes as users hold them', () => {
  it('a Buffer from fs.readFileSync or Buffer.from (a view into a pool, byteOffset > 0) works in every tool and session', async () => {
    const file = readFileSync(url);
    // Buffer.from of a small buffer takes a slice of Node's shared pool.
    const pooled = Buffer.from(file);
    const padded = new Uint8Array(file.length + 13);
    padded.set(file, 13);
    const views = [file, pooled, padded.subarray(13)];
    expect(views.some((v) => v.byteOffset > 0 && v.buffer.byteLength > v.length)).toBe(true);
    const reference = replaceDropout(new Uint8Array(file), { q: 1.5 });
    const expected = await mcPredict(
      await createSparseoutSession(reference),
      { x: x() },
      { samples: 3, seed: 4 },
    );
    for (const view of views) {
      const converted = replaceDropout(view, { q: 1.5 });
      expect(converted).toEqual(reference);
      // The converted bytes as a view too.
      const copy = new Uint8Array(converted.length + 5);
      copy.set(converted, 5);
      expect(setSparseoutTraining(copy.subarray(5), true)).toEqual(setSparseoutTraining(converted, true));
      const session = await createSparseoutSession(copy.subarray(5));
      const got = await mcPredict(session, { x: x() }, { samples: 3, seed: 4 });
      expect(got.y.mean).toEqual(expected.y.mean);
      await session.release();
    }
  });

  it('createSparseoutSession takes an ArrayBuffer, as ort.InferenceSession.create does, and mcPredict samples from it', async () => {
    const converted = replaceDropout(new Uint8Array(readFileSync(url)), { q: 1.5 });
    const buffer = converted.slice().buffer;
    const fromBuffer = await createSparseoutSession(buffer);
    const fromBytes = await createSparseoutSession(converted);
    const a = await mcPredict(fromBuffer, { x: x() }, { samples: 3, seed: 4 });
    const b = await mcPredict(fromBytes, { x: x() }, { samples: 3, seed: 4 });
    expect(a.y.mean).toEqual(b.y.mean);
    expect(a.y.variance.some((v) => v > 0)).toBe(true);
    expect(() => seedSparseoutNodes(converted, 1)).not.toThrow();
    await fromBuffer.release();
    await fromBytes.release();
  });

  it('S1.4 createSparseoutSession refuses a model that is not bytes (a path, a number) up front', async () => {
    for (const model of ['fixtures/mlp-opset17-train.onnx', 42, null]) {
      await expect(createSparseoutSession(model as unknown as Uint8Array)).rejects.toMatchObject({
        code: 'SPARSEOUT_INVALID_INPUT',
      });
    }
  });
});
