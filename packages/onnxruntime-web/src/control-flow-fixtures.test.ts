import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { mcPredict } from './mc-predict.js';
import { allGraphs } from './model-parts.js';
import type { OnnxGraph } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

/**
 * PyTorch 1.13 exports of scripted modules (fixtures/export_control_flow_fixtures.py): a Dropout
 * in a Loop body (weights from the outer scope), one in an If branch, and a model with a dynamic
 * batch, four outputs (one int64) and a Dropout read by two heads.
 */
const CASES = [
  { name: 'loop', opset: 13, width: 6, extra: () => ({ steps: new ort.Tensor('int64', [3n], []) }) },
  { name: 'loop', opset: 17, width: 6, extra: () => ({ steps: new ort.Tensor('int64', [3n], []) }) },
  { name: 'branch', opset: 13, width: 6, extra: () => ({ noisy: new ort.Tensor('bool', [true], []) }) },
  { name: 'branch', opset: 17, width: 6, extra: () => ({ noisy: new ort.Tensor('bool', [true], []) }) },
  { name: 'heads', opset: 17, width: 8, extra: () => ({}) },
] as const;

const fixture = (name: string, mode: 'train' | 'eval') =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}-${mode}.onnx`, import.meta.url)));

describe('PyTorch exports with control flow and several outputs', () => {
  for (const { name, opset, width, extra } of CASES) {
    const file = `${name}-opset${opset}`;
    it(`S2.4/S5 ${file}: every Dropout (subgraphs too) converted; at batch 1 and 3 inference equals the eval export, mcPredict samples every float output`, async () => {
      const converted = replaceDropout(fixture(file, 'train'), { q: 1.5 });
      const graphs = allGraphs(decodeModel(converted).graph as OnnxGraph);
      expect(graphs.flatMap((g) => g.node ?? []).filter((n) => n.opType === 'Dropout')).toEqual([]);
      const evalSession = await ort.InferenceSession.create(fixture(file, 'eval'));
      for (const batch of [1, 3]) {
        const feeds = () => ({
          x: new ort.Tensor(
            'float32',
            Float32Array.from({ length: batch * width }, (_, i) => Math.sin(i + 1)),
            [batch, width],
          ),
          ...extra(),
        });
        const session = await createSparseoutSession(converted, { freeDimensionOverrides: { batch } });
        const expected = await evalSession.run(feeds());
        const plain = await session.run(feeds());
        for (const output of evalSession.outputNames) {
          expect(plain[output].data, `${output}, batch ${batch}`).toEqual(expected[output].data);
        }
        const mc = await mcPredict(session, feeds(), { samples: 8, seed: 3 });
        const floats = evalSession.outputNames.filter((o) => expected[o].type === 'float32');
        expect(Object.keys(mc).sort()).toEqual([...floats].sort());
        for (const output of floats) {
          expect(mc[output].dims, output).toEqual(expected[output].dims);
          expect(
            mc[output].variance.some((v) => v > 0),
            `${output} varies`,
          ).toBe(true);
        }
        await session.release();
      }
      await evalSession.release();
    });
  }
});
