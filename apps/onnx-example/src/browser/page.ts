/**
 * A browser page that converts and runs a model with @sparseout/onnxruntime-web, bundled by the
 * README's esbuild and vite setups (browser.test.ts). It needs no `wasmPaths`: onnxruntime-web's
 * default browser entry finds `ort-wasm-simd-threaded.jsep.wasm` next to the bundle (esbuild: copied
 * there; vite: emitted as an asset). Results go to `globalThis.__sparseoutPage`.
 */
import {
  createSparseoutSession,
  encodeModel,
  mcPredict,
  onnx,
  replaceDropout,
  seedSparseoutNodes,
  setSparseoutTraining,
} from '@sparseout/onnxruntime-web';
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;

/** x [2, 8] -> Gemm -> Relu -> Dropout(0.3) (or Identity) -> Gemm -> y, at ai.onnx `opset`. */
function mlp(opset: number, dropout: boolean): Uint8Array {
  const weights = (n: number, seed: number) =>
    Float32Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.3) * 0.5);
  const last = dropout
    ? onnx.makeNode('Dropout', ['h', 'ratio'], ['d'], [], { name: 'drop' })
    : onnx.makeNode('Identity', ['h'], ['d']);
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: 'mlp',
      node: [
        onnx.makeNode('Gemm', ['x', 'w1', 'b1'], ['g']),
        onnx.makeNode('Relu', ['g'], ['h']),
        last,
        onnx.makeNode('Gemm', ['d', 'w2', 'b2'], ['y']),
      ],
      initializer: [
        onnx.floatTensor('w1', [8, 16], weights(128, 1)),
        onnx.floatTensor('b1', [16], weights(16, 2)),
        onnx.floatTensor('w2', [16, 4], weights(64, 3)),
        onnx.floatTensor('b2', [4], weights(4, 4)),
        onnx.floatTensor('ratio', [], [0.3]),
      ],
      input: [onnx.tensorInfo('x', 1, [2, 8])],
      output: [onnx.tensorInfo('y', 1, [2, 4])],
    },
  });
}

const feeds = () => ({
  x: new ort.Tensor(
    'float32',
    Float32Array.from({ length: 16 }, (_, i) => Math.cos(i)),
    [2, 8],
  ),
});

async function values(model: Uint8Array, executionProviders: string[]): Promise<number[]> {
  const session = await createSparseoutSession(model, { executionProviders });
  const out = await session.run(feeds());
  await session.release();
  return Array.from(out.y.data as Float32Array);
}

const maxRelDiff = (a: number[], b: number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(v), 1e-6)));

/** x [2, 8] -> Dropout(0.4) -> y: the Dropout reads a graph input (the WebGPU trigger, README). */
function dropoutOnInput(): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'on_input',
      node: [onnx.makeNode('Dropout', ['x', 'ratio'], ['y'], [], { name: 'drop' })],
      initializer: [onnx.floatTensor('ratio', [], [0.4])],
      input: [onnx.tensorInfo('x', 1, [2, 8])],
      output: [onnx.tensorInfo('y', 1, [2, 8])],
    },
  });
}

async function main() {
  const result: Record<string, unknown> = {};
  const browser = globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } };
  const gpu = await browser.navigator?.gpu?.requestAdapter();
  if (gpu) {
    const sampling = seedSparseoutNodes(
      setSparseoutTraining(replaceDropout(dropoutOnInput(), { q: 1.5 }), true),
      3,
    );
    result.graphInputWebgpuRelDiff = maxRelDiff(
      await values(sampling, ['webgpu', 'wasm']),
      await values(sampling, ['wasm']),
    );
  }
  for (const opset of [13, 17]) {
    const converted = replaceDropout(mlp(opset, true), { q: 1.5 });
    const reference = await values(mlp(opset, false), ['wasm']);
    result[`opset${opset}InferenceExact`] = maxRelDiff(await values(converted, ['wasm']), reference) === 0;
    const session = await createSparseoutSession(converted);
    const a = await mcPredict(session, feeds(), { samples: 50, seed: 9 });
    const b = await mcPredict(session, feeds(), { samples: 50, seed: 9 });
    await session.release();
    result[`opset${opset}SeededRepeats`] = a.y.mean.every((v, i) => v === b.y.mean[i]);
    result[`opset${opset}VariancePositive`] = a.y.variance.every((v) => v > 0);
    if (gpu) {
      const sampling = seedSparseoutNodes(setSparseoutTraining(converted, true), 5);
      result[`opset${opset}WebgpuRelDiff`] = maxRelDiff(
        await values(sampling, ['webgpu', 'wasm']),
        await values(sampling, ['wasm']),
      );
    } else {
      result.webgpu = 'no WebGPU adapter (navigator.gpu.requestAdapter() gave null)';
    }
  }
  return result;
}

main().then(
  (result) => {
    (globalThis as { __sparseoutPage?: unknown }).__sparseoutPage = { result };
  },
  (error: unknown) => {
    (globalThis as { __sparseoutPage?: unknown }).__sparseoutPage = {
      error: String((error as Error)?.stack ?? error),
    };
  },
);
